export type MailLocale = 'en' | 'fr' | 'ar';

export const mailLocale = (locale: string | null | undefined): MailLocale =>
  locale === 'fr' || locale === 'ar' ? locale : 'en';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface MailContent {
  subject: string;
  /** Paragraphs of plain text; `{link}` marks where the action link goes. */
  paragraphs: string[];
  action: { label: string; url: string };
}

/** Plain text and HTML versions of one message, laid out the same way for every mail we send. */
export function renderMail(locale: MailLocale, instanceName: string, content: MailContent) {
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const text = [...content.paragraphs, `${content.action.label}: ${content.action.url}`, `— ${instanceName}`].join(
    '\n\n'
  );
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:sans-serif;line-height:1.5;max-width:36rem;margin:auto;padding:1rem">
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:.6rem 1rem;background:#1d5c57;color:#fff;border-radius:.3rem;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="color:#555">${escapeHtml(instanceName)}</p></body></html>`;
  return { subject: content.subject, text, html };
}
