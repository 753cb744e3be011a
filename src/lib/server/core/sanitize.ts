import sanitizeHtml from 'sanitize-html';

/** The one allowlist for rich text from people and from remote servers. */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'h1',
    'h2',
    'h3',
    'h4',
    'code',
    'pre',
    'hr',
    'img',
    'span'
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'], img: ['src', 'alt', 'title'], span: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow ugc' }) }
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options).trim();
}
