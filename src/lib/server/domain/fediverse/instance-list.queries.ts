import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

export type FollowStatus = 'APPROVED' | 'PENDING' | 'NONE';

export const INSTANCE_SORTS = [
  'eventCount',
  'personCount',
  'groupCount',
  'followersCount',
  'followingsCount',
  'reportsCount',
  'mediaSize'
] as const;
export type InstanceSort = (typeof INSTANCE_SORTS)[number];

export interface InstanceListFilter {
  page?: number | null;
  limit?: number | null;
  orderBy?: InstanceSort | null;
  direction?: 'asc' | 'desc' | null;
  /** Part of the domain or of the instance's name, any case. */
  domain?: string | null;
  /** FOLLOWING: instances our relay follows; FOLLOWED: instances following ours (approved follows). */
  followStatus?: 'ALL' | 'FOLLOWING' | 'FOLLOWED' | null;
  /** Only blocked instances. */
  blockedOnly?: boolean | null;
}

/** One known server, with what we know of it and Mobilizon's counters. */
export interface InstanceSummary {
  domain: string;
  software: string | null;
  softwareVersion: string | null;
  name: string | null;
  description: string | null;
  blockedAt: Date | null;
  relayActorId: number | null;
  /** `username@domain` of its instance actor (Mobilizon's relay address). */
  relayAddress: string | null;
  /** Their relay follows ours. */
  followerStatus: FollowStatus;
  /** Our relay follows theirs. */
  followedStatus: FollowStatus;
  eventCount: number;
  personCount: number;
  groupCount: number;
  /** Follows of local actors by their actors (approved). */
  followersCount: number;
  /** Follows of their actors by local actors (approved). */
  followingsCount: number;
  /** Reports about their actors. */
  reportsCount: number;
  /** Bytes of the pictures of their actors stored here. */
  mediaSize: number;
}

export const MAX_INSTANCES_PAGE = 100;

const SORT_COLUMNS: Record<InstanceSort, string> = {
  eventCount: 'event_count',
  personCount: 'person_count',
  groupCount: 'group_count',
  followersCount: 'followers_count',
  followingsCount: 'followings_count',
  reportsCount: 'reports_count',
  mediaSize: 'media_size'
};

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Row {
  total: number;
  domain: string | null;
  software: string | null;
  software_version: string | null;
  name: string | null;
  description: string | null;
  blocked_at: Date | string | null;
  relay_id: string | number | null;
  relay_username: string | null;
  follower_status: FollowStatus;
  followed_status: FollowStatus;
  event_count: number;
  person_count: number;
  group_count: number;
  followers_count: number;
  followings_count: number;
  reports_count: number;
  media_size: string | number;
}

/**
 * The servers this one knows (recorded instances and every domain a remote actor came from), each
 * with its counters, in one query: the counters are grouped once per table, not per instance.
 */
export class InstanceListQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async list(filter: InstanceListFilter): Promise<{ total: number; elements: InstanceSummary[] }> {
    const limit = Math.min(Math.max(filter.limit ?? 10, 1), MAX_INSTANCES_PAGE);
    const page = Math.max(filter.page ?? 1, 1);
    const conditions: SQL[] = [];
    const text = filter.domain?.trim().toLowerCase();
    if (text) {
      const pattern = `%${likeEscape(text)}%`;
      conditions.push(sql`(domain like ${pattern} or lower(coalesce(name, '')) like ${pattern})`);
    }
    if (filter.followStatus === 'FOLLOWING') conditions.push(sql`followed_status = 'APPROVED'`);
    if (filter.followStatus === 'FOLLOWED') conditions.push(sql`follower_status = 'APPROVED'`);
    if (filter.blockedOnly) conditions.push(sql`blocked_at is not null`);
    const column = SORT_COLUMNS[filter.orderBy ?? 'eventCount'] ?? 'event_count';
    const direction = filter.direction === 'asc' ? 'asc' : 'desc';
    const rows = await this.run(conditions, sql.raw(`${column} ${direction}, domain asc`), limit, (page - 1) * limit);
    return { total: rows[0]?.total ?? 0, elements: rows.filter((r) => r.domain !== null).map(toSummary) };
  }

  async byDomain(domain: string): Promise<InstanceSummary | undefined> {
    const rows = await this.run([sql`domain = ${domain.toLowerCase()}`], sql.raw('domain asc'), 1, 0);
    const row = rows.find((r) => r.domain !== null);
    return row ? toSummary(row) : undefined;
  }

  private async run(conditions: SQL[], order: SQL, limit: number, offset: number): Promise<Row[]> {
    const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
    const result = await this.db.execute<Row & Record<string, unknown>>(sql`
      with ours as (
        select id from actors
        where domain is null and type = 'Application' and preferred_username = 'relay'
        limit 1
      ),
      known as (
        select domain from instances
        union
        select domain from actors where domain is not null
      ),
      actor_counts as (
        select domain,
          count(*) filter (where type = 'Person')::int as persons,
          count(*) filter (where type = 'Group')::int as groups
        from actors where domain is not null group by domain
      ),
      event_counts as (
        select a.domain, count(*)::int as n
        from events e join actors a on a.id = e.organizer_actor_id
        where a.domain is not null group by a.domain
      ),
      follower_counts as (
        select fa.domain, count(*)::int as n
        from follows f join actors fa on fa.id = f.follower_id join actors ta on ta.id = f.target_id
        where f.approved and fa.domain is not null and ta.domain is null group by fa.domain
      ),
      following_counts as (
        select ta.domain, count(*)::int as n
        from follows f join actors fa on fa.id = f.follower_id join actors ta on ta.id = f.target_id
        where f.approved and fa.domain is null and ta.domain is not null group by ta.domain
      ),
      report_counts as (
        select a.domain, count(*)::int as n
        from reports r join actors a on a.id = r.reported_id
        where a.domain is not null group by a.domain
      ),
      media_sizes as (
        select a.domain, sum(m.size)::bigint as n
        from media m join actors a on a.id = m.actor_id
        where a.domain is not null group by a.domain
      ),
      listed as (
        select k.domain, i.software, i.software_version, i.name, i.description, i.blocked_at,
          r.id as relay_id, r.preferred_username as relay_username,
          case when fr.id is null then 'NONE' when fr.approved then 'APPROVED' else 'PENDING' end as follower_status,
          case when fd.id is null then 'NONE' when fd.approved then 'APPROVED' else 'PENDING' end as followed_status,
          coalesce(ec.n, 0) as event_count,
          coalesce(ac.persons, 0) as person_count,
          coalesce(ac.groups, 0) as group_count,
          coalesce(frc.n, 0) as followers_count,
          coalesce(fgc.n, 0) as followings_count,
          coalesce(rc.n, 0) as reports_count,
          coalesce(ms.n, 0) as media_size
        from known k
        left join instances i on i.domain = k.domain
        left join lateral (
          select a.id, a.preferred_username from actors a
          where a.domain = k.domain
            and (a.id = i.relay_actor_id or (a.type = 'Application' and lower(a.preferred_username) = 'relay'))
          order by (a.id = i.relay_actor_id) desc nulls last, a.id
          limit 1
        ) r on true
        left join follows fr on fr.follower_id = r.id and fr.target_id = (select id from ours)
        left join follows fd on fd.target_id = r.id and fd.follower_id = (select id from ours)
        left join actor_counts ac on ac.domain = k.domain
        left join event_counts ec on ec.domain = k.domain
        left join follower_counts frc on frc.domain = k.domain
        left join following_counts fgc on fgc.domain = k.domain
        left join report_counts rc on rc.domain = k.domain
        left join media_sizes ms on ms.domain = k.domain
      ),
      filtered as (select * from listed where ${where})
      select (select count(*)::int from filtered) as total, p.*
      from (select 1) as one
      left join lateral (select * from filtered order by ${order} limit ${limit} offset ${offset}) p on true
    `);
    return result.rows;
  }
}

function toSummary(row: Row): InstanceSummary {
  return {
    domain: row.domain!,
    software: row.software,
    softwareVersion: row.software_version,
    name: row.name,
    description: row.description,
    blockedAt: row.blocked_at === null ? null : new Date(row.blocked_at),
    relayActorId: row.relay_id === null ? null : Number(row.relay_id),
    relayAddress: row.relay_username ? `${row.relay_username}@${row.domain}` : null,
    followerStatus: row.follower_status,
    followedStatus: row.followed_status,
    eventCount: row.event_count,
    personCount: row.person_count,
    groupCount: row.group_count,
    followersCount: row.followers_count,
    followingsCount: row.followings_count,
    reportsCount: row.reports_count,
    mediaSize: Number(row.media_size)
  };
}
