/**
 * Fedify checks that the key which verified a request belongs to the activity's actor by reading
 * the key document's own `owner` (`doesActorOwnKey`: `key.ownerId.href === activity.actorId.href`,
 * and likewise `key.ownerId` / `key.controllerId` for Linked Data signatures and Object Integrity
 * Proofs in verifyCompactJsonLd / verifyObject). It never asks the owner whether it lists the key.
 * So a key served by evil.example that names https://victim.example/@alice as its owner would
 * authenticate activities "by" alice. Only a server speaks for its own actors: every key used
 * must live on the actor's origin.
 */

type Json = Record<string, unknown>;

function idsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(idsOf);
  if (value && typeof value === 'object') {
    const id = (value as Json).id ?? (value as Json)['@id'];
    return typeof id === 'string' ? [id] : [];
  }
  return [];
}

function originOf(id: string): string | undefined {
  try {
    return new URL(id).origin;
  } catch {
    return undefined;
  }
}

export function actorIdsOf(activity: Json): string[] {
  return idsOf(activity.actor);
}

/** The keys named inside the body: a Linked Data signature's creator, each proof's verification method. */
function embeddedKeyIds(activity: Json): string[] {
  const signature = activity.signature as Json | undefined;
  const ldCreators = signature && typeof signature === 'object' ? idsOf(signature.creator) : [];
  const proofs = [activity.proof].flat().filter((p): p is Json => !!p && typeof p === 'object');
  return [...ldCreators, ...proofs.flatMap((p) => idsOf(p.verificationMethod))];
}

export type AuthorshipVerdict =
  | { verdict: 'ok' }
  /** The HTTP signature is a forwarder's: drop it and let the body's own signature speak. */
  | { verdict: 'drop-http-signature' }
  | { verdict: 'refuse'; reason: string };

export function judgeAuthorship(activity: Json, httpKeyIds: readonly URL[]): AuthorshipVerdict {
  const actorOrigins = new Set(actorIdsOf(activity).map(originOf));
  // No actor: Fedify answers 400 itself.
  if (actorOrigins.size === 0) return { verdict: 'ok' };
  if (actorOrigins.size > 1 || actorOrigins.has(undefined))
    return { verdict: 'refuse', reason: 'the actors are not all on one server' };
  const [origin] = actorOrigins;
  const embedded = embeddedKeyIds(activity);
  if (embedded.some((id) => originOf(id) !== origin))
    return { verdict: 'refuse', reason: "a signature in the body uses a key that is not on the actor's server" };
  if (httpKeyIds.every((key) => key.origin === origin)) return { verdict: 'ok' };
  // Forwarded activities (Mastodon forwards replies) carry the author's own signature in the body.
  if (embedded.length > 0) return { verdict: 'drop-http-signature' };
  return { verdict: 'refuse', reason: "the request is signed by a key that is not on the actor's server" };
}
