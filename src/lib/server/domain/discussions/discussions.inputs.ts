import { z } from 'zod';
import { refusing } from '../../core/validation.ts';
import { commentInputs } from '../comments/index.ts';

/** The longest title kept (Mobilizon's client caps it the same way). */
export const MAX_TITLE_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- a title is one line of plain text
const CONTROL = /[\u0000-\u001f\u007f]/g;

const title = z
  .string({ error: 'The title is required' })
  .transform((raw) => raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim())
  .refine((t) => t.length > 0, refusing('The title is required', 'empty'))
  .refine(
    (t) => t.length <= MAX_TITLE_LENGTH,
    refusing(`The title is too long (${MAX_TITLE_LENGTH} characters at most)`, 'too_long')
  );

const id = z.number().int().positive();

/** The inputs of discussions on this instance (its origin decides which pictures stay pictures). */
export function discussionInputs(ownOrigin: string) {
  const text = commentInputs(ownOrigin).remoteText;
  return {
    newDiscussion: z.object({ groupId: id, title, text }),
    reply: z.object({ discussionId: id, text }),
    rename: z.object({ discussionId: id, title }),
    title,
    text
  };
}
type DiscussionInputs = ReturnType<typeof discussionInputs>;
export type NewDiscussionInput = z.input<DiscussionInputs['newDiscussion']>;
export type DiscussionReplyInput = z.input<DiscussionInputs['reply']>;
export type DiscussionRenameInput = z.input<DiscussionInputs['rename']>;
