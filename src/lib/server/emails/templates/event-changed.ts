import type { MailLocale } from '../layout.ts';
import { eventMail, type EventMailContext } from './participation-context.ts';

export interface EventChange {
  cancelled: boolean;
  timeChanged: boolean;
  placeChanged: boolean;
}

const copy: Record<
  MailLocale,
  { changed: (t: string) => string; cancelled: (t: string) => string; time: string; place: string; gone: string }
> = {
  en: {
    changed: (t) => `“${t}” has changed`,
    cancelled: (t) => `“${t}” is cancelled`,
    time: 'The event’s date or time has changed.',
    place: 'The event’s place has changed.',
    gone: 'The organizer cancelled this event.'
  },
  fr: {
    changed: (t) => `« ${t} » a été modifié`,
    cancelled: (t) => `« ${t} » est annulé`,
    time: 'La date ou l’heure de l’événement a changé.',
    place: 'Le lieu de l’événement a changé.',
    gone: 'L’organisateur ou l’organisatrice a annulé cet événement.'
  },
  ar: {
    changed: (t) => `تغيّرت «${t}»`,
    cancelled: (t) => `أُلغيت «${t}»`,
    time: 'تغيّر تاريخ الفعالية أو وقتها.',
    place: 'تغيّر مكان الفعالية.',
    gone: 'ألغى المنظّم هذه الفعالية.'
  }
};

/** To each participant when the time or place of their event changes, or when it is cancelled. */
export function eventChangedMail(ctx: EventMailContext, change: EventChange) {
  const c = copy[ctx.locale];
  if (change.cancelled) return eventMail(ctx, { subject: c.cancelled(ctx.title), paragraphs: [c.gone] });
  return eventMail(ctx, {
    subject: c.changed(ctx.title),
    paragraphs: [...(change.timeChanged ? [c.time] : []), ...(change.placeChanged ? [c.place] : [])]
  });
}
