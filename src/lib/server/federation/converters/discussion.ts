import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Discussion } from '../../db/schema/groups.ts';
import type { RemoteDiscussionMessage } from '../../domain/discussions/index.ts';
import { MOBILIZON_CONTEXT } from './context.ts';
import { dateOf, httpUrlOf, idOf, idsOf, asArray, stringOf, textOf, typeOf, type Json } from './json.ts';

/** Discussions are for the group's members: everything is addressed to its members collection. */
const membersOf = (group: Actor) => group.membersUrl ?? `${group.apId}/members`;

export interface DiscussionMessageApInput {
  comment: Comment;
  author: Actor;
  discussion: Discussion;
  group: Actor;
  /** The discussion's first message carries its title (`name`). */
  first: boolean;
}

/** One message of a discussion as Mobilizon sends it: a Note whose `context` is the discussion. */
export function discussionMessageToAp(input: DiscussionMessageApInput): Json & { id: string } {
  const { comment, author, discussion, group } = input;
  return {
    '@context': MOBILIZON_CONTEXT,
    type: 'Note',
    id: comment.apId,
    url: comment.url,
    uuid: comment.uuid,
    ...(input.first ? { name: discussion.title } : {}),
    content: comment.text ?? '',
    mediaType: 'text/html',
    actor: author.apId,
    attributedTo: group.apId,
    context: discussion.apId,
    to: [membersOf(group)],
    cc: [],
    published: comment.publishedAt.toISOString(),
    updated: comment.updatedAt.toISOString(),
    publishedAt: comment.publishedAt.toISOString()
  };
}

export interface DiscussionApInput {
  discussion: Discussion;
  group: Actor;
  creator: Actor | null;
  lastComment: Comment | null;
}

/** The discussion itself (collection item, and what its URL serves): a titled Note, its own context. */
export function discussionToAp(input: DiscussionApInput): Json & { id: string } {
  const { discussion, group } = input;
  return {
    '@context': MOBILIZON_CONTEXT,
    type: 'Note',
    id: discussion.apId,
    url: discussion.url,
    name: discussion.title,
    content: input.lastComment?.text ?? '',
    mediaType: 'text/html',
    actor: input.creator?.apId ?? group.apId,
    attributedTo: group.apId,
    context: discussion.apId,
    to: [membersOf(group)],
    cc: [],
    published: discussion.createdAt.toISOString(),
    updated: discussion.updatedAt.toISOString(),
    publishedAt: discussion.createdAt.toISOString()
  };
}

/** What a deleted discussion (or message) leaves. */
export function discussionTombstoneToAp(apId: string, deleted = new Date()): Json & { id: string } {
  return { type: 'Tombstone', formerType: 'Note', id: apId, deleted: deleted.toISOString() };
}

/** A discussion message as data: the inbox resolves the author and the group, then calls the domain. */
export type ParsedDiscussionMessage = Omit<RemoteDiscussionMessage, 'groupId'> & {
  authorApId: string;
  /** The group (`attributedTo`), when given. */
  groupApId: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Note that belongs to a discussion (it has a `context`), as data: a message, or the discussion
 * object itself (its id is its context; its text then is its last message's). Null for anything else.
 */
export function discussionMessageFromAp(object: Json): ParsedDiscussionMessage | null {
  if (typeOf(object) !== 'Note') return null;
  const apId = httpUrlOf(object.id);
  const discussionApId = httpUrlOf(idOf(object.context));
  const authorApId = httpUrlOf(idsOf(object.actor)[0]);
  if (!apId || !discussionApId || !authorApId) return null;
  const text = textOf(object, 'content')?.trim() ?? '';
  if (text === '') return null;
  const title = textOf(object, 'name')?.trim() || null;
  const uuid = stringOf(object.uuid);
  const publishedAt = dateOf(object.published) ?? dateOf(object.publishedAt) ?? null;
  const attributedTo = httpUrlOf(idsOf(object.attributedTo)[0]);
  return {
    discussionApId,
    discussionUrl: discussionApId,
    title,
    apId,
    url: httpUrlOf(idOf(asArray(object.url)[0])) ?? apId,
    uuid: uuid && UUID.test(uuid) ? uuid.toLowerCase() : null,
    text,
    publishedAt,
    updatedAt: dateOf(object.updated) ?? publishedAt,
    authorApId,
    groupApId: attributedTo && attributedTo !== authorApId ? attributedTo : null
  };
}

/** Whether a parsed Note is the discussion object itself rather than one of its messages. */
export const isDiscussionObject = (parsed: ParsedDiscussionMessage) => parsed.apId === parsed.discussionApId;

/**
 * The discussion's own Note (its id is its `context`) with its title, as data: what an Update of it
 * says (a new title). Null for a message or anything else.
 */
export function discussionTitleFromAp(object: Json): { apId: string; title: string; groupApId: string | null } | null {
  if (typeOf(object) !== 'Note') return null;
  const apId = httpUrlOf(object.id);
  const title = textOf(object, 'name')?.replace(/\s+/g, ' ').trim();
  if (!apId || !title || httpUrlOf(idOf(object.context)) !== apId) return null;
  return { apId, title, groupApId: httpUrlOf(idsOf(object.attributedTo)[0]) ?? null };
}
