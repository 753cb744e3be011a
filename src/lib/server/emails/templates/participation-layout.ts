import type { MailLocale } from '../layout.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const INTL_LOCALE: Record<MailLocale, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar' };

/** An event's start as the recipient reads it: in their language and time zone, the zone named. */
export function formatEventTime(locale: MailLocale, instant: Date, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone
  }).format(instant);
  return `${formatted} (${timeZone})`;
}

export interface ParticipationMailContent {
  subject: string;
  paragraphs: string[];
  /** Event facts shown as a list (title, time, place). */
  facts: string[];
  links: { label: string; url: string }[];
  /** A small last line, e.g. the cancel link's explanation. */
  footer?: string;
}

/** Text and HTML of a participation mail: several links, event facts, the same look as account mails. */
export function renderParticipationMail(locale: MailLocale, instanceName: string, content: ParticipationMailContent) {
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const text = [
    ...content.paragraphs,
    content.facts.map((f) => `- ${f}`).join('\n'),
    ...content.links.map((l) => `${l.label}: ${l.url}`),
    ...(content.footer ? [content.footer] : []),
    `— ${instanceName}`
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:sans-serif;line-height:1.5;max-width:36rem;margin:auto;padding:1rem">
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<ul>${content.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
${content.links
  .map(
    (l, i) =>
      `<p><a href="${escapeHtml(l.url)}" style="${i === 0 ? 'display:inline-block;padding:.6rem 1rem;background:#1d5c57;color:#fff;border-radius:.3rem;text-decoration:none' : 'color:#1d5c57'}">${escapeHtml(l.label)}</a></p>`
  )
  .join('\n')}
${content.footer ? `<p style="color:#555;font-size:.9em">${escapeHtml(content.footer)}</p>` : ''}
<p style="color:#555">${escapeHtml(instanceName)}</p></body></html>`;
  return { subject: content.subject, text, html };
}
