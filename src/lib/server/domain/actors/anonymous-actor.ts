import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { localActorUrls } from './actor-urls.ts';
import { newActorKeyPair } from './keys.ts';

/** The instance's profile for people without an account (Mobilizon's anonymous actor); a reserved name. */
export const ANONYMOUS_ACTOR_USERNAME = 'anonymous';

const findAnonymous = (db: Database) =>
  db.query.actors.findFirst({
    where: and(
      eq(actors.type, 'Person'),
      eq(actors.preferredUsername, ANONYMOUS_ACTOR_USERNAME),
      isNull(actors.domain),
      isNull(actors.userId)
    )
  });

/**
 * The anonymous actor, made on first need. Concurrent first calls both insert; the unique username
 * keeps one row and the loser reads it back.
 */
export async function ensureAnonymousActor(db: Database, publicUrl: string): Promise<Actor> {
  const existing = await findAnonymous(db);
  if (existing) return existing;
  await db
    .insert(actors)
    .values({
      type: 'Person',
      preferredUsername: ANONYMOUS_ACTOR_USERNAME,
      name: null,
      visibility: 'private',
      ...localActorUrls(publicUrl, ANONYMOUS_ACTOR_USERNAME),
      ...(await newActorKeyPair())
    })
    .onConflictDoNothing();
  const created = await findAnonymous(db);
  if (!created) throw new Error(`the local username ${ANONYMOUS_ACTOR_USERNAME} belongs to someone else`);
  return created;
}
