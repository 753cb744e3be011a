import type { MailLocale } from '../layout.ts';
import { eventMail, type EventMailContext } from './participation-context.ts';

const copy: Record<MailLocale, { subject: (t: string) => string; body: string }> = {
  en: { subject: (t) => `“${t}” starts in one hour`, body: 'A reminder: the event you take part in starts soon.' },
  fr: {
    subject: (t) => `« ${t} » commence dans une heure`,
    body: 'Un rappel : l’événement auquel vous participez commence bientôt.'
  },
  ar: { subject: (t) => `تبدأ «${t}» بعد ساعة`, body: 'تذكير: الفعالية التي تشارك فيها تبدأ قريبًا.' }
};

/** One hour before the event, to each participant who wants it. */
export function eventReminderMail(ctx: EventMailContext) {
  const c = copy[ctx.locale];
  return eventMail(ctx, { subject: c.subject(ctx.title), paragraphs: [c.body] });
}
