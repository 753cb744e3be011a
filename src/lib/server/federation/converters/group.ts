import { MOBILIZON_CONTEXT } from './context.ts';
import { asArray, booleanOf, httpUrlOf, idOf, isObject, numberOf, type Json } from './json.ts';

/** A group's collections, in the order Mobilizon lists them. */
export const GROUP_COLLECTIONS = ['members', 'resources', 'todos', 'posts', 'events', 'discussions'] as const;
export type GroupCollection = (typeof GROUP_COLLECTIONS)[number];
export type GroupCollectionUrls = Record<GroupCollection, string>;

export const GROUP_OPENNESS = ['invite_only', 'moderated', 'open'] as const;
export type GroupOpenness = (typeof GROUP_OPENNESS)[number];

export interface GroupDocumentInput {
  apId: string;
  url: string;
  preferredUsername: string;
  name: string | null;
  summary: string | null;
  inbox: string;
  sharedInbox: string;
  outbox: string;
  followers: string;
  following: string;
  collections: GroupCollectionUrls;
  discoverable: boolean;
  openness: GroupOpenness;
  manuallyApprovesFollowers: boolean;
  memberCount: number;
  publicKeyPem: string | null;
  icon: { url: string; mediaType: string } | null;
  image: { url: string; mediaType: string } | null;
  /** The group's physical address as a Place (see place.ts), when it has one. */
  location: Json | null;
}

/**
 * A local group as Mobilizon's actor view renders it: a `Group` with its six collections both at
 * the top level and in `endpoints`, its openness, member count and address. Pure.
 */
export function groupToAp(group: GroupDocumentInput): Json {
  const picture = (p: { url: string; mediaType: string } | null) =>
    p ? { type: 'Image', mediaType: p.mediaType, url: p.url } : undefined;
  return {
    '@context': MOBILIZON_CONTEXT,
    id: group.apId,
    type: 'Group',
    url: group.url,
    preferredUsername: group.preferredUsername,
    name: group.name ?? group.preferredUsername,
    summary: group.summary ?? '',
    inbox: group.inbox,
    outbox: group.outbox,
    followers: group.followers,
    following: group.following,
    endpoints: { sharedInbox: group.sharedInbox, ...group.collections },
    ...group.collections,
    discoverable: group.discoverable,
    openness: group.openness,
    manuallyApprovesFollowers: group.manuallyApprovesFollowers,
    memberCount: group.memberCount,
    ...(group.publicKeyPem
      ? { publicKey: { id: `${group.apId}#main-key`, owner: group.apId, publicKeyPem: group.publicKeyPem } }
      : {}),
    ...(group.icon ? { icon: picture(group.icon) } : {}),
    ...(group.image ? { image: picture(group.image) } : {}),
    ...(group.location ? { location: group.location } : {})
  };
}

/** What a remote Group document says beyond a plain actor (Mobilizon's dialect). */
export interface RemoteGroupFields {
  membersUrl: string | null;
  resourcesUrl: string | null;
  todosUrl: string | null;
  postsUrl: string | null;
  eventsUrl: string | null;
  discussionsUrl: string | null;
  openness: GroupOpenness;
  memberCount: number | null;
  discoverable: boolean | undefined;
}

const COLUMN: Record<GroupCollection, keyof RemoteGroupFields> = {
  members: 'membersUrl',
  resources: 'resourcesUrl',
  todos: 'todosUrl',
  posts: 'postsUrl',
  events: 'eventsUrl',
  discussions: 'discussionsUrl'
};

/**
 * The collections (top level first, then `endpoints`), openness and member count of a Group
 * document as received; each collection URL must be http(s), the openness one of Mobilizon's
 * (a group that says none takes members by invitation only).
 */
export function remoteGroupFromAp(json: Json): RemoteGroupFields {
  const endpoints = isObject(json.endpoints) ? json.endpoints : {};
  const fields: RemoteGroupFields = {
    membersUrl: null,
    resourcesUrl: null,
    todosUrl: null,
    postsUrl: null,
    eventsUrl: null,
    discussionsUrl: null,
    openness: 'invite_only',
    memberCount: null,
    discoverable: booleanOf(json.discoverable)
  };
  for (const name of GROUP_COLLECTIONS) {
    const url = httpUrlOf(idOf(asArray(json[name])[0])) ?? httpUrlOf(idOf(asArray(endpoints[name])[0]));
    (fields as unknown as Record<string, string | null>)[COLUMN[name]] = url ?? null;
  }
  const openness = idOf(json.openness) ?? json.openness;
  if (typeof openness === 'string') {
    const bare = openness.replace(/^(?:mz:|https:\/\/joinmobilizon\.org\/ns#)/, '');
    if ((GROUP_OPENNESS as readonly string[]).includes(bare)) fields.openness = bare as GroupOpenness;
  }
  const count = numberOf(json.memberCount);
  if (count !== undefined && Number.isInteger(count) && count >= 0) fields.memberCount = Math.min(count, 2 ** 31 - 1);
  return fields;
}
