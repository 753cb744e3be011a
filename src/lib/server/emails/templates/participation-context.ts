import type { MailLocale } from '../layout.ts';
import { renderParticipationMail } from './participation-layout.ts';

/** What every participation mail says about its event and where its links lead. */
export interface EventMailContext {
  locale: MailLocale;
  instanceName: string;
  title: string;
  /** The start, already formatted in the recipient's language and time zone. */
  when: string;
  place: string | null;
  eventUrl: string;
  /** Anonymous participants leave from this link; people with an account from the event page. */
  cancelUrl: string | null;
}

const COMMON: Record<MailLocale, { when: string; where: string; event: string; cancel: string; cancelNote: string }> = {
  en: {
    when: 'When',
    where: 'Where',
    event: 'See the event',
    cancel: 'Cancel my participation',
    cancelNote: 'You received this mail because this address was given to take part in the event.'
  },
  fr: {
    when: 'Quand',
    where: 'Où',
    event: 'Voir l’événement',
    cancel: 'Annuler ma participation',
    cancelNote: 'Vous recevez ce message car cette adresse a été donnée pour participer à l’événement.'
  },
  ar: {
    when: 'الموعد',
    where: 'المكان',
    event: 'عرض الفعالية',
    cancel: 'إلغاء مشاركتي',
    cancelNote: 'وصلتك هذه الرسالة لأن هذا العنوان استُخدم للمشاركة في الفعالية.'
  }
};

/** Renders one participation mail: its own paragraphs and first link, then the event and the common links. */
export function eventMail(
  ctx: EventMailContext,
  content: { subject: string; paragraphs: string[]; action?: { label: string; url: string } }
) {
  const c = COMMON[ctx.locale];
  const facts = [ctx.title, `${c.when}: ${ctx.when}`, ...(ctx.place ? [`${c.where}: ${ctx.place}`] : [])];
  const links = [
    ...(content.action ? [content.action] : []),
    { label: c.event, url: ctx.eventUrl },
    ...(ctx.cancelUrl ? [{ label: c.cancel, url: ctx.cancelUrl }] : [])
  ];
  return renderParticipationMail(ctx.locale, ctx.instanceName, {
    subject: content.subject,
    paragraphs: content.paragraphs,
    facts,
    links,
    footer: ctx.cancelUrl ? c.cancelNote : undefined
  });
}
