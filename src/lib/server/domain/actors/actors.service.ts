import { and, eq, isNull, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { users } from '../../db/schema/accounts.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { instanceActorUrls, localActorUrls } from './actor-urls.ts';
import { newPersonInput, type NewPersonInput } from './actors.inputs.ts';
import { newActorKeyPair } from './keys.ts';
import { forgetRemoteActor, forgetTombstone } from './tombstone.ts';
import { upsertRemoteActor, type RemoteActorData } from './remote-actor.ts';
import { deletePictureFiles } from '../media/index.ts';

export type { RemoteActorData };
import { changeDefaultActor, deletePerson, updatePerson, type updatePersonInput } from './profiles.ts';
import { applyPictures, discardPictures, preparePictures, type ProfilePictures } from './profile-pictures.ts';
import type { z } from 'zod';
import type { User } from '../../db/schema/accounts.ts';

export const INSTANCE_ACTOR_USERNAME = 'relay';

export class ActorsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** Validates a new profile's input without creating anything; throws a validation error. */
  checkNewPerson(raw: NewPersonInput) {
    return parseInput(newPersonInput, raw);
  }

  /** A new profile of a user, with its pictures if given; the first one becomes the user's default. */
  async createPerson(userId: number, raw: NewPersonInput, pictures: ProfilePictures = {}): Promise<Actor> {
    const input = parseInput(newPersonInput, raw);
    const keys = await newActorKeyPair();
    const prepared = await preparePictures(this.deps, pictures);
    try {
      return await transaction(this.deps.pool, async (tx) => {
        const [user] = await tx.db.select().from(users).where(eq(users.id, userId)).for('update');
        if (!user) throw new DomainError('not_found', 'User not found');
        const [inserted] = await tx.db
          .insert(actors)
          .values({
            type: 'Person',
            preferredUsername: input.preferredUsername,
            name: input.name?.trim() || null,
            summary: input.summary ?? null,
            userId,
            ...localActorUrls(this.deps.config.publicUrl, input.preferredUsername),
            ...keys
          })
          .onConflictDoNothing()
          .returning();
        if (!inserted) {
          throw new DomainError('conflict', 'This username is already taken', {
            field: 'preferredUsername',
            reason: 'taken'
          });
        }
        let actor: Actor = inserted;
        const { set } = await applyPictures(tx, userId, actor, pictures, prepared);
        if (set.avatarId !== undefined || set.bannerId !== undefined) {
          const [withPictures] = await tx.db.update(actors).set(set).where(eq(actors.id, actor.id)).returning();
          actor = withPictures ?? actor;
        }
        if (!user.defaultActorId) {
          await tx.db.update(users).set({ defaultActorId: actor.id }).where(eq(users.id, userId));
        }
        await this.deps.events.record(tx, 'PersonCreated', { actorId: actor.id });
        return actor;
      });
    } catch (error) {
      await discardPictures(this.deps, prepared);
      throw error;
    }
  }

  /** Only the owner may update a profile; others get not_found. */
  updatePerson(
    userId: number,
    actorId: number,
    input: z.input<typeof updatePersonInput>,
    pictures: ProfilePictures = {}
  ): Promise<Actor> {
    return updatePerson(this.deps, userId, actorId, input, pictures);
  }

  /** The profile becomes a tombstone; returns it as it was. */
  deletePerson(userId: number, actorId: number): Promise<Actor> {
    return deletePerson(this.deps, userId, actorId);
  }

  changeDefaultActor(userId: number, preferredUsername: string): Promise<User> {
    return changeDefaultActor(this.deps, userId, preferredUsername);
  }

  /**
   * The first profile of a confirmed account that has none, named by the account's email (Mobilizon's
   * `registerPerson`, which its client calls right after the confirmation link, before signing in).
   */
  async registerFirstProfile(email: string, raw: NewPersonInput, pictures: ProfilePictures = {}): Promise<Actor> {
    const [user] = await this.deps.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email.trim()})`);
    if (!user || !user.confirmedAt || user.disabled) {
      throw new DomainError('not_found', 'No confirmed account without a profile has this email', { field: 'email' });
    }
    const [existing] = await this.deps.db
      .select({ id: actors.id })
      .from(actors)
      .where(and(eq(actors.userId, user.id), isNull(actors.domain)))
      .limit(1);
    if (existing) throw new DomainError('forbidden', 'This account already has a profile', { field: 'email' });
    return this.createPerson(user.id, raw, pictures);
  }

  /** The instance actor (`/relay`), created with its keys the first time the instance starts. */
  async ensureInstanceActor(): Promise<Actor> {
    const existing = await this.deps.db.query.actors.findFirst({
      where: and(
        eq(actors.type, 'Application'),
        eq(actors.preferredUsername, INSTANCE_ACTOR_USERNAME),
        sql`${actors.domain} is null`
      )
    });
    if (existing?.privateKeyPem) return existing;
    const keys = await newActorKeyPair();
    if (existing) {
      const [updated] = await this.deps.db.update(actors).set(keys).where(eq(actors.id, existing.id)).returning();
      return updated!;
    }
    await this.deps.db
      .insert(actors)
      .values({
        type: 'Application',
        preferredUsername: INSTANCE_ACTOR_USERNAME,
        name: this.deps.config.instanceName,
        summary: this.deps.config.instanceDescription,
        manuallyApprovesFollowers: true,
        ...instanceActorUrls(this.deps.config.publicUrl),
        ...keys
      })
      .onConflictDoNothing();
    const created = await this.deps.db.query.actors.findFirst({
      where: and(eq(actors.preferredUsername, INSTANCE_ACTOR_USERNAME), sql`${actors.domain} is null`)
    });
    if (!created) throw new Error('instance actor could not be created');
    return created;
  }

  /**
   * Inserts or refreshes a remote actor, keyed by its ActivityPub id. Its summary is sanitized (and
   * its pictures become links); a changed avatar or banner is fetched by a job and shown as a local copy.
   */
  async upsertRemoteActor(data: RemoteActorData): Promise<Actor> {
    return upsertRemoteActor(this.deps, data);
  }

  /**
   * A moderator suspends (or lifts the suspension of) a remote actor: nothing is delivered to it and
   * nothing it sends is taken while suspended. Local accounts are managed through their users.
   */
  async setRemoteSuspended(actorId: number, suspended: boolean): Promise<Actor> {
    const [actor] = await this.deps.db.select().from(actors).where(eq(actors.id, actorId));
    if (!actor || actor.deletedAt) throw new DomainError('not_found', 'Profile not found', { field: 'id' });
    if (actor.domain === null) {
      throw new DomainError('validation', 'Only profiles from other servers can be suspended here', { field: 'id' });
    }
    const [updated] = await this.deps.db
      .update(actors)
      .set({ suspended, updatedAt: new Date() })
      .where(eq(actors.id, actorId))
      .returning();
    return updated!;
  }

  /** After a deleted profile's Delete is queued: drop its keys and follow links. */
  forgetTombstone(actorId: number): Promise<void> {
    return forgetTombstone(this.deps.db, actorId);
  }

  /** A remote actor deleted on its server. */
  async forgetRemoteActor(actorId: number): Promise<boolean> {
    // One transaction: nobody sees the actor gone while its follows or pictures are still there.
    const { gone, files } = await transaction(this.deps.pool, (tx) => forgetRemoteActor(tx, actorId));
    await deletePictureFiles(this.deps.config, files).catch((error: unknown) =>
      this.deps.logger.warn('could not delete media files', { error: String(error) })
    );
    return gone;
  }
}
