import type { Actor as ApActor } from '@fedify/vocab';
import { Application, Group, Person } from '@fedify/vocab';
import type { RemoteActorData } from '../../domain/actors/index.ts';
import { remoteGroupFromAp } from './group.ts';
import { asArray, httpUrlOf, isObject, stringOf, type Json } from './json.ts';

/**
 * The address of a picture named by `icon` or `image`: an Image (its `url`, a string or a Link), a
 * Link, or a bare URL; the first one when there are several. Null when it names none we can fetch.
 */
export function pictureUrlOf(value: unknown): string | null {
  const first = asArray(value)[0];
  if (typeof first === 'string') return httpUrlOf(first) ?? null;
  if (!isObject(first)) return null;
  const mediaType = stringOf(first.mediaType);
  if (mediaType && !mediaType.startsWith('image/')) return null;
  if (first.type === 'Link') return httpUrlOf(first.href) ?? null;
  const url = asArray(first.url)[0];
  if (typeof url === 'string') return httpUrlOf(url) ?? null;
  return isObject(url) ? (httpUrlOf(url.href) ?? null) : null;
}

/**
 * A fetched remote actor as the data we store. Pure apart from reading the (already fetched)
 * object's fields; the caller passes the PEM of the key it verified and the document as received
 * (for its pictures, which are fetched later, by a job, and shown as local copies).
 */
export function remoteActorFromAp(
  actor: ApActor,
  publicKeyPem: string | null,
  json: Json = {}
): RemoteActorData | null {
  if (!actor.id || !actor.inboxId) return null;
  const type =
    actor instanceof Group
      ? 'Group'
      : actor instanceof Application
        ? 'Application'
        : actor instanceof Person
          ? 'Person'
          : 'Person';
  const username =
    actor.preferredUsername?.toString() ?? actor.id.pathname.split('/').filter(Boolean).pop() ?? 'unknown';
  return {
    type,
    apId: actor.id.href,
    preferredUsername: username,
    domain: actor.id.host,
    name: actor.name?.toString() ?? null,
    summary: actor.summary?.toString() ?? null,
    url: actor.url instanceof URL ? actor.url.href : actor.id.href,
    inboxUrl: actor.inboxId.href,
    sharedInboxUrl: actor.endpoints?.sharedInbox?.href ?? null,
    outboxUrl: actor.outboxId?.href ?? null,
    followersUrl: actor.followersId?.href ?? null,
    followingUrl: actor.followingId?.href ?? null,
    publicKeyPem,
    manuallyApprovesFollowers: actor.manuallyApprovesFollowers ?? false,
    avatarUrl: pictureUrlOf(json.icon),
    bannerUrl: pictureUrlOf(json.image),
    ...(type === 'Group' ? groupPart(json) : {})
  };
}

/** A Group's collections, openness, size and listing, as its document says. */
function groupPart(json: Json): Pick<RemoteActorData, 'group' | 'discoverable'> {
  const { discoverable, ...group } = remoteGroupFromAp(json);
  return { group, discoverable };
}
