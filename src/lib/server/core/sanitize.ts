import sanitizeHtml from 'sanitize-html';

const linkRel = 'noopener noreferrer nofollow ugc';

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
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: linkRel }) }
};

/**
 * Sanitizes rich text. With `ownOrigin`, pictures may only come from this instance: a picture from
 * elsewhere would make every reader's browser call that server (a tracking pixel), so it becomes a
 * link to the picture.
 */
export function sanitizeRichText(html: string, ownOrigin?: string): string {
  if (!ownOrigin) return sanitizeHtml(html, options).trim();
  const own = new URL(ownOrigin).origin;
  const isOwn = (src: string) => URL.canParse(src, own) && new URL(src, own).origin === own;
  return sanitizeHtml(html, {
    ...options,
    transformTags: {
      ...options.transformTags,
      img: (tagName, attribs) =>
        isOwn(attribs.src ?? '')
          ? { tagName, attribs }
          : { tagName: 'a', attribs: { href: attribs.src ?? '', rel: linkRel }, text: attribs.alt || attribs.src || '' }
    }
  }).trim();
}
