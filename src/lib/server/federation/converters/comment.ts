import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { RemoteCommentData } from '../../domain/comments/index.ts';
import { MOBILIZON_CONTEXT, PUBLIC_COLLECTION } from './context.ts';
import {
  actorIdOf,
  asArray,
  booleanOf,
  dateOf,
  httpUrlOf,
  idOf,
  isObject,
  isPublicAddressed,
  isPublicInTo,
  stringOf,
  textOf,
  typeOf,
  type Json
} from './json.ts';

export interface CommentApInput {
  comment: Comment;
  author: Actor;
  /** The id of what it answers: the comment replied to, else the event. */
  inReplyTo: string;
  /** Actors named in its `tag` (the author of the comment it answers, say). */
  mentions?: readonly Actor[];
  /** Who a comment that is not public goes to (a held one: the event's organizer). */
  privateAudience?: readonly string[];
}

const handle = (actor: Actor) => `@${actor.preferredUsername}@${actor.domain ?? new URL(actor.apId).host}`;

/** A comment as Mobilizon publishes it (activitypub.md §7, `Note`), with the context at the top. */
export function commentToAp(input: CommentApInput): Json & { id: string } {
  const { comment, author } = input;
  const mentions = (input.mentions ?? []).filter((m) => m.id !== author.id);
  const mentioned = mentions.map((m) => m.apId);
  const audience =
    comment.visibility === 'public'
      ? { to: [PUBLIC_COLLECTION], cc: mentioned }
      : comment.visibility === 'unlisted'
        ? { to: mentioned, cc: [PUBLIC_COLLECTION] }
        : { to: [...new Set([...(input.privateAudience ?? []), ...mentioned])], cc: [] };
  const text = comment.text ?? '';
  return {
    '@context': MOBILIZON_CONTEXT,
    type: 'Note',
    id: comment.apId,
    url: comment.url,
    uuid: comment.uuid,
    content: text,
    ...(comment.language !== 'und' ? { contentMap: { [comment.language]: text } } : {}),
    mediaType: 'text/html',
    actor: author.apId,
    attributedTo: author.apId,
    inReplyTo: input.inReplyTo,
    ...audience,
    tag: mentions.map((m) => ({ type: 'Mention', href: m.apId, name: handle(m) })),
    published: comment.publishedAt.toISOString(),
    updated: comment.updatedAt.toISOString(),
    isAnnouncement: comment.isAnnouncement
  };
}

/** What a removed comment leaves: a Tombstone (in a Delete, and at its id with a 410). */
export function commentTombstoneToAp(comment: Pick<Comment, 'apId' | 'deletedAt'>): Json & { id: string } {
  return {
    type: 'Tombstone',
    formerType: 'Note',
    id: comment.apId,
    deleted: (comment.deletedAt ?? new Date()).toISOString()
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;
const ATTACHMENT_TYPES = new Set(['Document', 'Image', 'Video', 'Audio', 'Link']);

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Attachments (pictures, videos, links) as links: a picture from another server is never shown
 * inline (ADR 12).
 */
function attachmentsHtml(object: Json): string {
  const links = asArray(object.attachment).flatMap((a) => {
    if (!isObject(a) || !ATTACHMENT_TYPES.has(typeOf(a) ?? '')) return [];
    const url = httpUrlOf(idOf(asArray(a.url)[0])) ?? httpUrlOf(a.href);
    if (!url) return [];
    const label = stringOf(a.name)?.trim() || url;
    return [`<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`];
  });
  return links.length > 0 ? `<p>${links.join('<br>')}</p>` : '';
}

/**
 * A `Note` from Mastodon, Pleroma, Mobilizon or another Convene, as data: its text (a content
 * warning stays visible before it, attachments follow as links), what it answers, who wrote it and
 * whom it is addressed to. Null when it is not a note we can show (no id, no author, nothing to read).
 */
export function commentFromAp(object: Json): RemoteCommentData | null {
  if (typeOf(object) !== 'Note') return null;
  const apId = httpUrlOf(object.id);
  const authorApId = httpUrlOf(actorIdOf(object));
  if (!apId || !authorApId) return null;
  const warning = stringOf(object.summary)?.trim();
  const body = textOf(object, 'content')?.trim() ?? '';
  const text = [warning ? `<p>⚠ <strong>${escapeHtml(warning)}</strong></p>` : '', body, attachmentsHtml(object)].join(
    ''
  );
  if (text === '') return null;
  const languages = isObject(object.contentMap) ? Object.keys(object.contentMap) : [];
  const language = languages.find((l) => LANGUAGE.test(l));
  const uuid = stringOf(object.uuid);
  const publishedAt = dateOf(object.published) ?? null;
  return {
    apId,
    url: httpUrlOf(idOf(asArray(object.url)[0])) ?? apId,
    uuid: uuid && UUID.test(uuid) ? uuid.toLowerCase() : null,
    text,
    language: language ? language.split('-')[0]!.toLowerCase() : 'und',
    visibility: isPublicInTo(object) ? 'public' : isPublicAddressed(object) ? 'unlisted' : 'private',
    authorApId,
    inReplyToApId: httpUrlOf(idOf(asArray(object.inReplyTo)[0])) ?? null,
    isAnnouncement: booleanOf(object.isAnnouncement) === true,
    publishedAt,
    updatedAt: dateOf(object.updated) ?? publishedAt
  };
}
