import { z } from 'zod';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { refusing } from '../../core/validation.ts';

/** The longest comment kept, counted on the sanitized HTML. */
export const MAX_COMMENT_LENGTH = 10_000;
/** Raw input beyond this is refused before sanitizing (it could never fit once cleaned). */
const MAX_RAW_LENGTH = 100_000;

/** Whether sanitized HTML shows anything: some text, or an image. */
function hasContent(html: string): boolean {
  if (/<img\b/i.test(html)) return true;
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .trim();
  return text.length > 0;
}

/** Comment HTML: sanitized with the one allowlist (pictures kept to this instance), required, bounded. */
const commentText = (ownOrigin: string) =>
  z
    .string({ error: 'The comment text is required' })
    .max(MAX_RAW_LENGTH, 'The comment is too long')
    .transform((raw) => sanitizeRichText(raw, ownOrigin))
    .refine(hasContent, refusing('The comment is empty', 'empty'))
    .refine(
      (html) => html.length <= MAX_COMMENT_LENGTH,
      refusing(`The comment is too long (${MAX_COMMENT_LENGTH} characters at most)`, 'too_long')
    );

const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$|^und$/, 'Unknown language code')
  .nullish()
  .transform((value) => value ?? 'und');

/** The inputs of comments on this instance (its origin decides which pictures stay pictures). */
export function commentInputs(ownOrigin: string) {
  const text = commentText(ownOrigin);
  return {
    newComment: z.object({
      eventId: z.number().int().positive(),
      actorId: z.number().int().positive(),
      text,
      inReplyToId: z.number().int().positive().nullish(),
      language,
      isAnnouncement: z
        .boolean()
        .nullish()
        .transform((v) => v ?? false)
    }),
    commentUpdate: z.object({
      commentId: z.number().int().positive(),
      text,
      language: language.optional()
    }),
    /** A comment from another server: the same allowlist and bounds as ours. */
    remoteText: text
  };
}
type CommentInputs = ReturnType<typeof commentInputs>;
export type NewCommentInput = z.input<CommentInputs['newComment']>;
export type CommentUpdateInput = z.input<CommentInputs['commentUpdate']>;
