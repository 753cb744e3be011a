import type { Actor as ApActor } from '@fedify/vocab';
import { Application, Group, Person } from '@fedify/vocab';
import type { RemoteActorData } from '../../domain/actors/index.ts';

/**
 * A fetched remote actor as the data we store. Pure apart from reading the (already fetched)
 * object's fields; the caller passes the PEM of the key it verified.
 */
export function remoteActorFromAp(actor: ApActor, publicKeyPem: string | null): RemoteActorData | null {
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
    manuallyApprovesFollowers: actor.manuallyApprovesFollowers ?? false
  };
}
