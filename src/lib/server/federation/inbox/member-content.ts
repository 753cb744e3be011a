import type { Actor } from '../../db/schema/actors.ts';
import type { FedContext } from '../context.ts';
import { asArray, idOf, isObject, stringOf, typeOf, type Json } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';
import { receiveMemberResource } from './group-resources.ts';
import { receiveMemberTodo, receiveMemberTodoList } from './group-todos.ts';
import { receiveMemberDiscussion } from './group-discussions.ts';
import { receiveMemberPost } from './group-posts.ts';
import { receiveMemberEvent } from './member-event.ts';

/**
 * Content a member on another server sends to a group (activitypub.md §9.2): a Create, Update,
 * Delete, Add or Move whose object belongs to a group. Each content type registers one handler in
 * MEMBER_CONTENT; the handler finds the group (`localGroupOf`, local-group.ts), lets the domain check the member's
 * permission, and says whether it took the activity. What no handler takes falls through to the
 * inbox's other logic (events, event comments).
 */
export type MemberContentVerb = 'Create' | 'Update' | 'Delete' | 'Add' | 'Move';

export interface MemberContent {
  verb: MemberContentVerb;
  /** The verified sender (a remote actor: the member who acted). */
  sender: Actor;
  objectId: string;
  /** The object, trusted (embedded by its own server, or fetched); null for a Delete. */
  object: Json | null;
  /** The activity as received (for Move: its `origin` and `target`). */
  activity: Json;
}

export type MemberContentHandler = (ctx: FedContext, content: MemberContent) => Promise<boolean>;

/**
 * Object type (for a Delete, the Tombstone's `formerType`) → handler, one line per content type,
 * e.g. `Article: receiveMemberPost,`. A Delete whose type is not said is offered to each in turn.
 */
export const MEMBER_CONTENT: Partial<Record<string, MemberContentHandler>> = {
  Document: receiveMemberResource,
  ResourceCollection: receiveMemberResource,
  TodoList: receiveMemberTodoList,
  Todo: receiveMemberTodo,
  Article: receiveMemberPost,
  Note: receiveMemberDiscussion,
  Event: receiveMemberEvent
};

/** Hands a member's activity to the handler of its object's type; false when none took it. */
export async function receiveMemberContent(
  ctx: FedContext,
  verb: MemberContentVerb,
  senderApId: string,
  activity: Json,
  object: Json | null
): Promise<boolean> {
  const target = asArray(activity.object)[0];
  const objectId = idOf(object) ?? idOf(target);
  if (!objectId) return false;
  const formerType = isObject(target) ? (stringOf(target.formerType) ?? typeOf(target)) : undefined;
  const type = verb === 'Delete' ? formerType : object ? typeOf(object) : undefined;
  const handler = type ? MEMBER_CONTENT[type] : undefined;
  const handlers = handler ? [handler] : verb === 'Delete' ? Object.values(MEMBER_CONTENT) : [];
  if (handlers.length === 0) return false;
  // The signature was verified for this actor: it exists, even if we never stored it yet.
  const sender = await resolveActor(ctx, senderApId).catch(() => undefined);
  if (!sender || sender.domain === null) return false;
  const content: MemberContent = { verb, sender, objectId, object, activity };
  for (const each of handlers) if (each && (await each(ctx, content))) return true;
  return false;
}
