import type { MailLocale } from '../layout.ts';

const copy: Record<
  MailLocale,
  { subject: (event: string) => string; intro: (sender: string, event: string) => string; action: string }
> = {
  en: {
    subject: (e) => `Message from the organizers of “${e}”`,
    intro: (s, e) => `${s}, organizer of “${e}”, sends this message to its participants:`,
    action: 'See the event'
  },
  fr: {
    subject: (e) => `Message des organisateur·ices de « ${e} »`,
    intro: (s, e) => `${s}, qui organise « ${e} », envoie ce message aux participant·es :`,
    action: 'Voir l’évènement'
  },
  ar: {
    subject: (e) => `رسالة من منظّمي «${e}»`,
    intro: (s, e) => `يرسل ${s}، منظّم «${e}»، هذه الرسالة إلى المشاركين:`,
    action: 'عرض الفعالية'
  }
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface AnnouncementMailInput {
  eventTitle: string;
  eventUrl: string;
  senderName: string;
  /** The announcement, already sanitized rich text (core/sanitize.ts). */
  html: string;
  /** The same announcement as plain text. */
  text: string;
}

/**
 * An organizer's announcement to an event's participants, in the recipient's language. The body is
 * the organizer's own words, sanitized when stored; everything around it is ours and escaped.
 */
export function eventAnnouncementMail(locale: MailLocale, instanceName: string, input: AnnouncementMailInput) {
  const c = copy[locale];
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const intro = c.intro(input.senderName, input.eventTitle);
  const text = [intro, input.text, `${c.action}: ${input.eventUrl}`, `— ${instanceName}`].join('\n\n');
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:sans-serif;line-height:1.5;max-width:36rem;margin:auto;padding:1rem">
<p>${escapeHtml(intro)}</p>
<blockquote style="margin:1rem 0;padding:.5rem 1rem;border-inline-start:4px solid #1d5c57;background:#f4f7f6">${input.html}</blockquote>
<p><a href="${escapeHtml(input.eventUrl)}" style="display:inline-block;padding:.6rem 1rem;background:#1d5c57;color:#fff;border-radius:.3rem;text-decoration:none">${escapeHtml(c.action)}</a></p>
<p style="color:#555">${escapeHtml(instanceName)}</p></body></html>`;
  return { subject: c.subject(input.eventTitle), text, html };
}
