import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { parseInput } from '../../core/validation.ts';
import { actors, follows, type Actor } from '../../db/schema/actors.ts';
import { members } from '../../db/schema/groups.ts';
import { transaction } from '../../db/transaction.ts';
import { localActorUrls } from '../actors/index.ts';
import { newActorKeyPair } from '../actors/keys.ts';
import { applyPictures, discardPictures, preparePictures, type ProfilePictures } from '../actors/profile-pictures.ts';
import type { ServiceDeps } from '../deps.ts';
import { storeAddress } from '../events/index.ts';
import { actingProfile } from './acting-profile.ts';
import { recordGroupActivity } from './group-activity.ts';
import { groupCollectionUrls, memberApId } from './group-urls.ts';
import { groupChangesInput, newGroupInput, type GroupChanges, type NewGroupInput } from './groups.inputs.ts';
import { loadGroup, requireGroupPermission } from './membership.ts';
import { deleteGroupContent, type GroupContentRemover } from './group-content.ts';

/** Creating, changing and deleting groups run by local profiles. */
export class GroupsService {
  private readonly deps: ServiceDeps;
  private readonly contentRemovers: readonly GroupContentRemover[];
  /** `contentRemovers`: how each context removes a deleted group's content (events, posts…). */
  constructor(deps: ServiceDeps, contentRemovers: readonly GroupContentRemover[]) {
    this.deps = deps;
    this.contentRemovers = contentRemovers;
  }

  /** A user's profile creates a group and becomes its creator (its first administrator). */
  async createGroup(
    userId: number,
    creatorId: number,
    raw: NewGroupInput,
    pictures: ProfilePictures = {}
  ): Promise<Actor> {
    const input = parseInput(newGroupInput, raw);
    const keys = await newActorKeyPair();
    const prepared = await preparePictures(this.deps, pictures);
    const { publicUrl } = this.deps.config;
    try {
      return await transaction(this.deps.pool, async (tx) => {
        const creator = await actingProfile(tx, userId, creatorId);
        const physicalAddressId = await storeAddress(tx, publicUrl, input.physicalAddress);
        const [inserted] = await tx.db
          .insert(actors)
          .values({
            type: 'Group',
            preferredUsername: input.preferredUsername,
            name: input.name?.trim() || null,
            summary: input.summary ? sanitizeRichText(input.summary, publicUrl) : null,
            visibility: input.visibility ?? 'public',
            openness: input.openness ?? 'invite_only',
            manuallyApprovesFollowers: input.manuallyApprovesFollowers ?? false,
            physicalAddressId,
            ...localActorUrls(publicUrl, input.preferredUsername),
            ...groupCollectionUrls(publicUrl, input.preferredUsername),
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
        let group: Actor = inserted;
        const { set } = await applyPictures(tx, userId, group, pictures, prepared);
        if (set.avatarId !== undefined || set.bannerId !== undefined) {
          const [withPictures] = await tx.db.update(actors).set(set).where(eq(actors.id, group.id)).returning();
          group = withPictures ?? group;
        }
        const uuid = randomUUID();
        await tx.db.insert(members).values({
          uuid,
          apId: memberApId(publicUrl, uuid),
          groupId: group.id,
          actorId: creator.id,
          role: 'creator'
        });
        await recordGroupActivity(tx, {
          groupId: group.id,
          authorId: creator.id,
          type: 'group',
          subject: 'group_created',
          subjectParams: { group_name: group.name ?? group.preferredUsername },
          objectId: group.id
        });
        await this.deps.events.record(tx, 'GroupCreated', { groupId: group.id });
        return group;
      });
    } catch (error) {
      await discardPictures(this.deps, prepared);
      throw error;
    }
  }

  /** An administrator of a local group changes its profile and rules. */
  async updateGroup(
    userId: number,
    actorId: number,
    groupId: number,
    raw: GroupChanges,
    pictures: ProfilePictures = {}
  ): Promise<Actor> {
    const input = parseInput(groupChangesInput, raw);
    const prepared = await preparePictures(this.deps, pictures);
    const { publicUrl } = this.deps.config;
    try {
      return await transaction(this.deps.pool, async (tx) => {
        const actor = await actingProfile(tx, userId, actorId);
        const group = await loadGroup(tx, groupId, true);
        if (group.domain !== null) {
          throw new DomainError('forbidden', 'This group is run on another server', { field: 'id' });
        }
        await requireGroupPermission(tx.db, group.id, actor.id, 'group.update');
        const { set } = await applyPictures(tx, userId, group, pictures, prepared);
        const physicalAddressId =
          input.physicalAddress === undefined ? undefined : await storeAddress(tx, publicUrl, input.physicalAddress);
        const [updated] = await tx.db
          .update(actors)
          .set({
            ...(input.name !== undefined ? { name: input.name?.trim() || null } : {}),
            ...(input.summary !== undefined
              ? { summary: input.summary ? sanitizeRichText(input.summary, publicUrl) : null }
              : {}),
            ...(input.visibility ? { visibility: input.visibility } : {}),
            ...(input.openness ? { openness: input.openness } : {}),
            ...(input.manuallyApprovesFollowers !== undefined
              ? { manuallyApprovesFollowers: input.manuallyApprovesFollowers }
              : {}),
            ...(physicalAddressId !== undefined ? { physicalAddressId } : {}),
            ...set,
            updatedAt: sql`greatest(now(), ${actors.updatedAt} + interval '1 millisecond')`
          })
          .where(eq(actors.id, group.id))
          .returning();
        await recordGroupActivity(tx, {
          groupId: group.id,
          authorId: actor.id,
          type: 'group',
          subject: 'group_updated',
          subjectParams: { group_name: updated!.name ?? updated!.preferredUsername },
          objectId: group.id
        });
        await this.deps.events.record(tx, 'GroupUpdated', { groupId: group.id });
        return updated!;
      });
    } catch (error) {
      await discardPictures(this.deps, prepared);
      throw error;
    }
  }

  /**
   * An administrator deletes a local group: its content and memberships go, the group stays as a
   * tombstone (its address is never reused), and its members and followers are told.
   */
  async deleteGroup(userId: number, actorId: number, groupId: number): Promise<Actor> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await actingProfile(tx, userId, actorId);
      const group = await loadGroup(tx, groupId, true);
      if (group.domain !== null) {
        throw new DomainError('forbidden', 'This group is run on another server', { field: 'groupId' });
      }
      await requireGroupPermission(tx.db, group.id, actor.id, 'group.delete');
      const audience = await tx.db
        .select({ actorId: members.actorId })
        .from(members)
        .where(
          and(eq(members.groupId, group.id), inArray(members.role, ['member', 'moderator', 'administrator', 'creator']))
        );
      const followers = await tx.db
        .select({ actorId: follows.followerId })
        .from(follows)
        .where(and(eq(follows.targetId, group.id), eq(follows.approved, true)));
      await deleteGroupContent(tx, this.deps.events, group.id, this.contentRemovers);
      const now = new Date();
      await tx.db.delete(members).where(eq(members.groupId, group.id));
      await tx.db
        .update(actors)
        .set({ name: null, summary: null, physicalAddressId: null, deletedAt: now, updatedAt: now })
        .where(eq(actors.id, group.id));
      await this.deps.events.record(tx, 'GroupDeleted', {
        groupId: group.id,
        audienceActorIds: [...new Set([...audience, ...followers].map((a) => a.actorId))]
      });
      return group;
    });
  }
}
