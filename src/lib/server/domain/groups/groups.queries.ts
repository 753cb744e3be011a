import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { pageWindow, type Page, type PageRequest } from '../../core/pagination.ts';
import type { Database } from '../../db/client.ts';
import { actors, follows, type Actor } from '../../db/schema/actors.ts';
import { groupActivities, members, type GroupActivity, type Member, type MemberRole } from '../../db/schema/groups.ts';
import { events as eventsTable, type Event } from '../../db/schema/events.ts';
import { eventsOfGroup, type GroupEventsFilter } from '../events/index.ts';
import { roleRank } from './group-roles.ts';
import { bestRoleInGroup, roleInGroup } from './membership.ts';
import { groupRemoteAudience, localMemberOfGroup } from './group-audience.queries.ts';
import { groupContentPage, type GroupContentCollection } from './group-collections.queries.ts';

const COUNTED: MemberRole[] = ['member', 'moderator', 'administrator', 'creator'];

export interface MemberFilter extends PageRequest {
  roles?: MemberRole[];
  name?: string | null;
}

/** Reads about groups and their members. */
export class GroupsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** A live group by `name` (local) or `name@domain` (remote). */
  async byUsername(handle: string): Promise<Actor | undefined> {
    const [name, domain] = handle.replace(/^@/, '').split('@');
    if (!name) return undefined;
    const [group] = await this.db
      .select()
      .from(actors)
      .where(
        and(
          eq(actors.type, 'Group'),
          sql`lower(${actors.preferredUsername}) = lower(${name})`,
          domain ? sql`lower(${actors.domain}) = lower(${domain})` : isNull(actors.domain),
          isNull(actors.deletedAt)
        )
      );
    return group;
  }

  async byId(id: number): Promise<Actor | undefined> {
    const [group] = await this.db
      .select()
      .from(actors)
      .where(and(eq(actors.id, id), eq(actors.type, 'Group'), isNull(actors.deletedAt)));
    return group;
  }

  roleOf(groupId: number, actorId: number): Promise<MemberRole | null> {
    return roleInGroup(this.db, groupId, actorId);
  }

  /** The best role any of one person's profiles holds in the group. */
  bestRoleOf(groupId: number, actorIds: readonly number[]): Promise<MemberRole | null> {
    return bestRoleInGroup(this.db, groupId, actorIds);
  }

  /** The best role the profiles hold in each group, by group id (a page of groups in one query). */
  async bestRolesOf(groupIds: readonly number[], actorIds: readonly number[]): Promise<Map<number, MemberRole>> {
    const best = new Map<number, MemberRole>();
    if (groupIds.length === 0 || actorIds.length === 0) return best;
    const rows = await this.db
      .select({ groupId: members.groupId, role: members.role })
      .from(members)
      .where(and(inArray(members.groupId, [...groupIds]), inArray(members.actorId, [...actorIds])));
    for (const { groupId, role } of rows) {
      if (roleRank(role) > roleRank(best.get(groupId))) best.set(groupId, role);
    }
    return best;
  }

  /** The events the group organizes (drafts and all visibilities for its members). */
  events(groupId: number, filter: GroupEventsFilter): Promise<Page<Event>> {
    return eventsOfGroup(this.db, groupId, filter);
  }

  async memberById(id: number): Promise<Member | undefined> {
    const [member] = await this.db.select().from(members).where(eq(members.id, id));
    return member;
  }

  async memberByApId(apId: string): Promise<Member | undefined> {
    const [member] = await this.db.select().from(members).where(eq(members.apId, apId));
    return member;
  }

  async membership(groupId: number, actorId: number): Promise<Member | undefined> {
    const [member] = await this.db
      .select()
      .from(members)
      .where(and(eq(members.groupId, groupId), eq(members.actorId, actorId)));
    return member;
  }

  /** A page of a group's members, the highest roles first, filtered by role and name. */
  async membersOf(groupId: number, filter: MemberFilter = {}): Promise<Page<Member>> {
    const { limit, offset } = pageWindow(filter, 100);
    const conditions: SQL[] = [eq(members.groupId, groupId)];
    if (filter.roles?.length) conditions.push(inArray(members.role, filter.roles));
    const name = filter.name?.trim();
    if (name) {
      const pattern = `%${name.replace(/[\\%_]/g, '\\$&')}%`;
      conditions.push(or(ilike(actors.preferredUsername, pattern), ilike(actors.name, pattern))!);
    }
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ member: members })
        .from(members)
        .innerJoin(actors, eq(actors.id, members.actorId))
        .where(where)
        .orderBy(
          sql`array_position(array['creator','administrator','moderator','member','invited','not_approved','rejected']::member_role[], ${members.role})`,
          asc(members.createdAt),
          asc(members.id)
        )
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(members).innerJoin(actors, eq(actors.id, members.actorId)).where(where)
    ]);
    return { total: total?.n ?? 0, elements: rows.map((r) => r.member) };
  }

  /** The memberships of profiles (one person's, or a page of profiles), newest first. */
  async membershipsOf(
    actorIds: readonly number[],
    filter: PageRequest & { groupId?: number | null } = {}
  ): Promise<Page<Member>> {
    if (actorIds.length === 0) return { total: 0, elements: [] };
    const { limit, offset } = pageWindow(filter, 100);
    const where = and(
      inArray(members.actorId, [...actorIds]),
      filter.groupId ? eq(members.groupId, filter.groupId) : undefined,
      isNull(actors.deletedAt)
    );
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ member: members })
        .from(members)
        .innerJoin(actors, eq(actors.id, members.groupId))
        .where(where)
        .orderBy(desc(members.updatedAt), desc(members.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(members).innerJoin(actors, eq(actors.id, members.groupId)).where(where)
    ]);
    return { total: total?.n ?? 0, elements: rows.map((r) => r.member) };
  }

  /** How many members each group counts (invitations and requests left out), by group id. */
  async memberCounts(groupIds: readonly number[]): Promise<Map<number, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.db
      .select({ groupId: members.groupId, n: count() })
      .from(members)
      .where(and(inArray(members.groupId, [...groupIds]), inArray(members.role, COUNTED)))
      .groupBy(members.groupId);
    return new Map(rows.map((r) => [r.groupId, r.n]));
  }

  /** How many approved followers each actor has, by actor id. */
  async followerCounts(actorIds: readonly number[]): Promise<Map<number, number>> {
    if (actorIds.length === 0) return new Map();
    const rows = await this.db
      .select({ targetId: follows.targetId, n: count() })
      .from(follows)
      .where(and(inArray(follows.targetId, [...actorIds]), eq(follows.approved, true)))
      .groupBy(follows.targetId);
    return new Map(rows.map((r) => [r.targetId, r.n]));
  }

  /** Members' actor ids (full members only) of a group: who the group speaks to. */
  async memberActorIds(groupId: number): Promise<number[]> {
    const rows = await this.db
      .select({ actorId: members.actorId })
      .from(members)
      .where(and(eq(members.groupId, groupId), inArray(members.role, COUNTED)));
    return rows.map((r) => r.actorId);
  }

  /** Groups for moderators: local or remote, suspended or not, by username, name or domain. */
  async list(
    filter: PageRequest & {
      preferredUsername?: string | null;
      name?: string | null;
      domain?: string | null;
      local?: boolean | null;
      suspended?: boolean | null;
    }
  ): Promise<Page<Actor>> {
    const { limit, offset } = pageWindow(filter, 100);
    const like = (v: string) => `%${v.replace(/[\\%_]/g, '\\$&')}%`;
    const where = and(
      eq(actors.type, 'Group'),
      isNull(actors.deletedAt),
      filter.preferredUsername ? ilike(actors.preferredUsername, like(filter.preferredUsername)) : undefined,
      filter.name ? ilike(actors.name, like(filter.name)) : undefined,
      filter.domain ? ilike(actors.domain, like(filter.domain)) : undefined,
      filter.local === true
        ? isNull(actors.domain)
        : filter.local === false
          ? sql`${actors.domain} is not null`
          : undefined,
      typeof filter.suspended === 'boolean' ? eq(actors.suspended, filter.suspended) : undefined
    );
    const [elements, [total]] = await Promise.all([
      this.db
        .select()
        .from(actors)
        .where(where)
        .orderBy(desc(actors.createdAt), desc(actors.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(actors).where(where)
    ]);
    return { total: total?.n ?? 0, elements };
  }

  /**
   * Upcoming events of the groups these profiles follow or belong to, soonest first, each with the
   * profile through which it reaches them (Mobilizon's `followedGroupEvents`).
   */
  async followedGroupEvents(
    actorIds: readonly number[],
    filter: PageRequest & { after: Date }
  ): Promise<Page<{ event: Event; groupId: number; actorId: number }>> {
    if (actorIds.length === 0) return { total: 0, elements: [] };
    const { limit, offset } = pageWindow(filter, 50);
    const ids = sql.join(
      actorIds.map((id) => sql`${id}`),
      sql`, `
    );
    const reach = sql`(
      select m.group_id, min(m.actor_id) as actor_id, true as member from members m
        where m.actor_id in (${ids}) and m.role in ('member','moderator','administrator','creator') group by m.group_id
      union all
      select f.target_id, min(f.follower_id), false from follows f
        where f.follower_id in (${ids}) and f.approved group by f.target_id
    )`;
    const rows = await this.db.execute<{ id: number; group_id: number; actor_id: number; total: number }>(sql`
      with reach as (select group_id, min(actor_id) as actor_id, bool_or(member) as member from ${reach} r group by group_id)
      select e.id, reach.group_id, reach.actor_id, count(*) over () as total
      from events e join reach on reach.group_id = e.attributed_to_id
      where e.draft = false and (e.ends_on >= ${filter.after} or e.begins_on >= ${filter.after})
        and (e.visibility in ('public', 'unlisted') or reach.member)
      order by e.begins_on, e.id
      limit ${limit} offset ${offset}`);
    const list = rows.rows;
    if (list.length === 0) return { total: 0, elements: [] };
    const found = await this.db
      .select()
      .from(eventsTable)
      .where(
        inArray(
          eventsTable.id,
          list.map((r) => Number(r.id))
        )
      );
    const byId = new Map(found.map((e) => [e.id, e]));
    return {
      total: Number(list[0]!.total),
      elements: list.flatMap((r) => {
        const event = byId.get(Number(r.id));
        return event ? [{ event, groupId: Number(r.group_id), actorId: Number(r.actor_id) }] : [];
      })
    };
  }

  /** The group's remote members in full, and its remote followers when `withFollowers`. */
  remoteAudience(groupId: number, withFollowers: boolean): Promise<Actor[]> {
    return groupRemoteAudience(this.db, groupId, withFollowers);
  }

  /** One of our profiles that is a member in full of the group (to sign fetches of its content). */
  localMemberOf(groupId: number): Promise<Actor | undefined> {
    return localMemberOfGroup(this.db, groupId);
  }

  /** A page of the ids of the group's posts, discussions, resources or todo lists, with the total. */
  contentPage(
    groupId: number,
    collection: GroupContentCollection,
    options: { withPrivate: boolean; offset: number; limit: number }
  ): Promise<{ total: number; apIds: string[] }> {
    return groupContentPage(this.db, groupId, collection, options);
  }

  /** A page of the group's history, newest first; by type, and by or not by one profile. */
  async activity(
    groupId: number,
    filter: PageRequest & { type?: GroupActivity['type'] | null; authorId?: number | null; notAuthorId?: number | null }
  ): Promise<Page<GroupActivity>> {
    const { limit, offset } = pageWindow(filter, 50);
    const where = and(
      eq(groupActivities.groupId, groupId),
      filter.type ? eq(groupActivities.type, filter.type) : undefined,
      filter.authorId ? eq(groupActivities.authorId, filter.authorId) : undefined,
      filter.notAuthorId ? sql`${groupActivities.authorId} is distinct from ${filter.notAuthorId}` : undefined
    );
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(groupActivities)
        .where(where)
        .orderBy(desc(groupActivities.createdAt), desc(groupActivities.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(groupActivities).where(where)
    ]);
    return { total: total?.n ?? 0, elements: rows };
  }
}
