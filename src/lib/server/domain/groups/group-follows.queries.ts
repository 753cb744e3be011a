import { aliasedTable, and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { pageWindow, type Page, type PageRequest } from '../../core/pagination.ts';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors, follows } from '../../db/schema/actors.ts';
import { activitySettings } from '../../db/schema/settings.ts';
import type { FollowWithActors } from '../actors/index.ts';

const follower = aliasedTable(actors, 'follower');
const target = aliasedTable(actors, 'target');

/** Who is told of a group's new public event: what the mail needs. */
export interface GroupFollowerRecipient {
  followId: number;
  email: string;
  locale: string;
}

/** Reads about who follows groups. */
export class GroupFollowsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  private async page(where: SQL | undefined, request: PageRequest, newestFirst: boolean) {
    const { limit, offset } = pageWindow(request, 100);
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ follow: follows, follower, target })
        .from(follows)
        .innerJoin(follower, eq(follower.id, follows.followerId))
        .innerJoin(target, eq(target.id, follows.targetId))
        .where(where)
        .orderBy(newestFirst ? desc(follows.updatedAt) : asc(follows.approved), asc(follows.id))
        .limit(limit)
        .offset(offset),
      this.db
        .select({ n: count() })
        .from(follows)
        .innerJoin(follower, eq(follower.id, follows.followerId))
        .innerJoin(target, eq(target.id, follows.targetId))
        .where(where)
    ]);
    return { total: total?.n ?? 0, elements: rows } satisfies Page<FollowWithActors>;
  }

  /** A group's followers, those waiting first; `approved` keeps only approved (or only pending) ones. */
  followersOf(groupId: number, filter: PageRequest & { approved?: boolean | null }): Promise<Page<FollowWithActors>> {
    return this.page(
      and(
        eq(follows.targetId, groupId),
        isNull(follower.deletedAt),
        filter.approved == null ? undefined : eq(follows.approved, filter.approved)
      ),
      filter,
      false
    );
  }

  /** The groups a profile follows (or asked to), optionally one group only, latest first. */
  followsOf(actorId: number, filter: PageRequest & { groupId?: number | null }): Promise<Page<FollowWithActors>> {
    return this.page(
      and(
        eq(follows.followerId, actorId),
        eq(target.type, 'Group'),
        isNull(target.deletedAt),
        filter.groupId ? eq(follows.targetId, filter.groupId) : undefined
      ),
      filter,
      true
    );
  }

  /**
   * The local people to tell of a group's new event: approved followers who asked for news of it
   * (`notify`) and did not turn off the `event_created` mails, one per account; or only this follow.
   */
  notifiedFollowers(groupId: number, followId?: number): Promise<GroupFollowerRecipient[]> {
    return this.db
      .selectDistinctOn([users.id], { followId: follows.id, email: users.email, locale: users.locale })
      .from(follows)
      .innerJoin(follower, eq(follower.id, follows.followerId))
      .innerJoin(users, eq(users.id, follower.userId))
      .leftJoin(
        activitySettings,
        and(
          eq(activitySettings.userId, users.id),
          eq(activitySettings.key, 'event_created'),
          eq(activitySettings.method, 'email')
        )
      )
      .where(
        and(
          eq(follows.targetId, groupId),
          followId === undefined ? undefined : eq(follows.id, followId),
          eq(follows.approved, true),
          eq(follows.notify, true),
          isNull(follower.domain),
          isNull(follower.deletedAt),
          eq(follower.suspended, false),
          eq(users.disabled, false),
          sql`coalesce(${activitySettings.enabled}, true)`
        )
      )
      .orderBy(asc(users.id), asc(follows.id));
  }
}
