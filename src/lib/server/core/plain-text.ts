import sanitizeHtml from 'sanitize-html';

/** Where a tag ends a line of text. */
const BLOCK_END = /<\/(p|li|h[1-6]|blockquote|pre)\s*>|<br\s*\/?>|<hr\s*\/?>/gi;
const LIST_ITEM = /<li(\s[^>]*)?>/gi;

// eslint-disable-next-line no-control-regex -- exactly the control characters text formats refuse
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text without the control characters iCalendar and XML refuse (tabs and line breaks stay). */
export const withoutControls = (text: string) => text.replace(CONTROL, '');

/**
 * The text of (already sanitized) rich text, for formats that carry plain text only: paragraphs and
 * line breaks become new lines, list items get a dash, every tag goes and entities are decoded.
 */
export function htmlToPlainText(html: string | null | undefined): string {
  if (!html) return '';
  const marked = html.replace(BLOCK_END, (tag) => `${tag}\n`).replace(LIST_ITEM, (tag) => `${tag}- `);
  // sanitize-html decodes every entity while parsing and re-escapes only these four in its output.
  const text = withoutControls(
    sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  );
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
