import { graphql, GraphQLRequestError } from './client.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

export type FollowStatus = 'APPROVED' | 'PENDING' | 'NONE';
export const FOLLOW_FILTERS = ['ALL', 'FOLLOWING', 'FOLLOWED'] as const;
export type FollowFilter = (typeof FOLLOW_FILTERS)[number];
export const INSTANCES_PAGE_SIZE = 10;

export interface AdminInstance {
  domain: string;
  hasRelay: boolean | null;
  relayAddress: string | null;
  instanceName: string | null;
  instanceDescription: string | null;
  software: string | null;
  softwareVersion: string | null;
  followerStatus: FollowStatus;
  followedStatus: FollowStatus;
  eventCount: number;
  personCount: number;
  groupCount: number;
  followersCount: number;
  followingsCount: number;
  reportsCount: number;
  mediaSize: number;
  blocked: boolean;
}

const FIELDS = `domain hasRelay relayAddress instanceName instanceDescription software softwareVersion
  followerStatus followedStatus eventCount personCount groupCount followersCount followingsCount reportsCount
  mediaSize blocked`;

export interface InstanceFilters {
  domain: string;
  follow: FollowFilter;
  blocked: boolean;
  page: number;
}

export const INSTANCES = graphql<
  { instances: { total: number; elements: AdminInstance[] } },
  {
    page: number;
    limit: number;
    filterDomain: string | null;
    filterFollowStatus: FollowFilter;
    filterSuspendStatus: 'ALL' | 'SUSPENDED';
  }
>(`
  query AdminInstances($page: Int, $limit: Int, $filterDomain: String, $filterFollowStatus: InstanceFilterFollowStatus,
      $filterSuspendStatus: InstanceFilterSuspendStatus) {
    instances(page: $page, limit: $limit, filterDomain: $filterDomain, filterFollowStatus: $filterFollowStatus,
        filterSuspendStatus: $filterSuspendStatus, orderBy: EVENT_COUNT, direction: "desc") {
      total
      elements { ${FIELDS} }
    }
  }
`);

export const INSTANCE = graphql<{ instance: AdminInstance }, { domain: string }>(`
  query AdminInstance($domain: ID!) { instance(domain: $domain) { ${FIELDS} } }
`);

export const ADD_INSTANCE = graphql<{ addInstance: { domain: string } }, { domain: string }>(`
  mutation AdminAddInstance($domain: String!) {
    addInstance(domain: $domain) {
      domain
    }
  }
`);

const relayMutation = (name: 'acceptRelay' | 'rejectRelay' | 'removeRelay') =>
  graphql<Record<string, { id: string }>, { address: string }>(`
    mutation Admin_${name}($address: String!) { ${name}(address: $address) { id } }
  `);

export const ACCEPT_RELAY = relayMutation('acceptRelay');
export const REJECT_RELAY = relayMutation('rejectRelay');
export const REMOVE_RELAY = relayMutation('removeRelay');

export const BLOCK_INSTANCE = graphql<{ blockInstance: { domain: string } }, { domain: string }>(`
  mutation AdminBlockInstance($domain: String!) {
    blockInstance(domain: $domain) {
      domain
    }
  }
`);
export const UNBLOCK_INSTANCE = graphql<{ unblockInstance: { domain: string } }, { domain: string }>(`
  mutation AdminUnblockInstance($domain: String!) {
    unblockInstance(domain: $domain) {
      domain
    }
  }
`);

/** The list's filters from the address bar (`?domain=…&follow=…&blocked=1&page=…`), invalid values ignored. */
export function instanceFilters(url: URL): InstanceFilters {
  const follow = url.searchParams.get('follow') ?? 'ALL';
  const page = Number(url.searchParams.get('page') ?? '1');
  return {
    domain: (url.searchParams.get('domain') ?? '').trim().slice(0, 200),
    follow: (FOLLOW_FILTERS as readonly string[]).includes(follow) ? (follow as FollowFilter) : 'ALL',
    blocked: url.searchParams.get('blocked') === '1',
    page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 10_000) : 1
  };
}

/** The list's address with these filters (and page). */
export function instancesHref(filters: InstanceFilters, page = filters.page): string {
  const params = new URLSearchParams();
  if (filters.domain) params.set('domain', filters.domain);
  if (filters.follow !== 'ALL') params.set('follow', filters.follow);
  if (filters.blocked) params.set('blocked', '1');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/instances${query ? `?${query}` : ''}`;
}

export const INSTANCE_ACTIONS = ['add', 'accept', 'reject', 'remove', 'block', 'unblock'] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

/** What a failed action tells the administrator, by the API's answer. */
export function instanceActionError(action: InstanceAction, err: GraphQLRequestError): MessageKey {
  if (err.statusCode === 409) return 'admin.instances.error.blocked';
  if (err.notFound) return action === 'add' ? 'admin.instances.error.notFound' : 'admin.instances.error.gone';
  if (err.code === 'validation') return 'admin.instances.error.domain';
  return 'admin.instances.error.unknown';
}
