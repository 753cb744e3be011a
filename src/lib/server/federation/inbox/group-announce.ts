import type { Actor } from '../../db/schema/actors.ts';
import type { FedContext } from '../context.ts';
import { asArray, idOf, isObject, sameOrigin, stringOf, typeOf, type Json } from '../converters/json.ts';
import { receiveAnnouncedResource } from './group-resources.ts';
import { receiveAnnouncedTodo, receiveAnnouncedTodoList } from './group-todos.ts';
import { receiveAnnouncedDiscussion } from './group-discussions.ts';
import { receiveAnnouncedPost } from './group-posts.ts';

/**
 * A remote group re-publishes its members' content with `Announce` (activitypub.md §9): of an
 * activity (Create, Update or Delete of a post, discussion, resource, todo…) or of the object
 * itself (Mobilizon announces the object: taken as a Create-or-Update). The object is never taken
 * from a server other than its own: embedded by the group's own server, or fetched from its id
 * with a fetch signed by one of our profiles that is a member (private content is shown only to
 * members).
 *
 * Each content type adds one line to GROUP_ANNOUNCED below: its object type → its handler.
 */
export interface GroupAnnounced {
  /** The announcing group (remote). */
  group: Actor;
  verb: 'Create' | 'Update' | 'Delete';
  /** The object's id. */
  objectId: string;
  /** The object as its server gives it (null for a Delete, or when it could not be fetched). */
  object: Json | null;
  /** The announced activity when the group announced one (its `actor` is the member who acted). */
  activity: Json | null;
  /** Fetches a document of the group signed as one of our members of it (null if gone or refused). */
  fetchAsMember(url: string): Promise<Json | null>;
}

/** Handles one object type announced by a group; returns whether it took it. */
export type GroupAnnouncedHandler = (ctx: FedContext, announced: GroupAnnounced) => Promise<boolean>;

/**
 * Object type (or, for a Delete, the Tombstone's `formerType`) → handler. One line per content
 * type, e.g. `Article: receiveAnnouncedPost,`. A Delete whose type is unknown is offered to each.
 */
export const GROUP_ANNOUNCED: Partial<Record<string, GroupAnnouncedHandler>> = {
  Document: receiveAnnouncedResource,
  ResourceCollection: receiveAnnouncedResource,
  TodoList: receiveAnnouncedTodoList,
  Todo: receiveAnnouncedTodo,
  Article: receiveAnnouncedPost,
  Note: receiveAnnouncedDiscussion
};

const VERBS = new Set(['Create', 'Update', 'Delete', 'Add', 'Move']);
/** Mobilizon's other verbs for resources: Add is a Create, Move an Update (`activity` has its target). */
const AS_VERB: Partial<Record<string, GroupAnnounced['verb']>> = { Add: 'Create', Move: 'Update' };

/** Fetches `url` with a signature of one of our profiles that is a member of the group. */
export function memberFetcher(ctx: FedContext, group: Actor) {
  return async (url: string): Promise<Json | null> => {
    const { services, fetchers, keys, logger } = ctx.data;
    const member = await services.queries.groups.localMemberOf(group.id);
    try {
      let document: unknown;
      if (member?.publicKeyPem && member.privateKeyPem) {
        const pair = await keys.get(`actor:${member.id}`, member.publicKeyPem, member.privateKeyPem);
        const loader = fetchers.authenticatedLoaderFactory({
          keyId: new URL(`${member.apId}#main-key`),
          privateKey: pair.privateKey
        });
        ({ document } = await loader(url));
      } else {
        ({ document } = await fetchers.objectLoader(url));
      }
      return isObject(document) && idOf(document) === url ? document : null;
    } catch (error) {
      logger.debug('group content could not be fetched', { url, error: String(error) });
      return null;
    }
  };
}

/**
 * Unwraps a group's Announce and hands it to the handler of its object's type. False when no
 * handler took it (the caller then treats it as any other announce).
 */
export async function receiveGroupAnnounce(ctx: FedContext, group: Actor, announce: Json): Promise<boolean> {
  const inner = asArray(announce.object)[0];
  const innerType = isObject(inner) ? typeOf(inner) : undefined;
  const isActivity = innerType !== undefined && VERBS.has(innerType);
  const activity = isActivity && isObject(inner) ? inner : null;
  const verb = (activity ? (AS_VERB[innerType!] ?? innerType) : 'Create') as GroupAnnounced['verb'];
  const target = activity ? asArray(activity.object)[0] : inner;
  const objectId = idOf(target);
  if (!objectId) return false;
  // Our own object (one of our members made it). What one of ours did, coming back, is an echo we
  // already applied (and may be older than what we have now): ignored. What someone else did to it
  // (the group's moderators deleting or renaming it) is the group's word, taken as its server
  // embeds it; we never fetch our own URL.
  const publicUrl = ctx.data.services.config.publicUrl;
  const ours = sameOrigin(objectId, publicUrl);
  const byOneOfOurs = activity !== null && sameOrigin(idOf(activity.actor) ?? group.apId, publicUrl);
  if (ours && (activity === null || byOneOfOurs)) return true;
  const fetchAsMember = memberFetcher(ctx, group);
  let object: Json | null = null;
  let type: string | undefined;
  if (verb === 'Delete') {
    type = isObject(target) ? (stringOf(target.formerType) ?? typeOf(target)) : undefined;
  } else {
    // Embedded by the group's own server (it signed it), or fetched from the object's server.
    const embedded = isObject(target) && typeOf(target) ? target : null;
    if (ours && !embedded) return true;
    object = embedded && (ours || sameOrigin(objectId, group.apId)) ? embedded : await fetchAsMember(objectId);
    type = object ? typeOf(object) : undefined;
  }
  const announced: GroupAnnounced = { group, verb, objectId, object, activity, fetchAsMember };
  const handler = type ? GROUP_ANNOUNCED[type] : undefined;
  if (handler) return handler(ctx, announced);
  if (verb !== 'Delete' || (type && type !== 'Tombstone')) return false;
  for (const each of Object.values(GROUP_ANNOUNCED)) if (each && (await each(ctx, announced))) return true;
  return false;
}
