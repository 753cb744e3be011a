import { graphql } from './client.ts';
import type { EventSummary, Page } from './my-events.ts';
import { gqlAs } from './session.ts';

export const GROUP_EVENTS_PAGE_SIZE = 10;

export interface GroupEventSummary extends EventSummary {
  visibility: 'PUBLIC' | 'UNLISTED' | 'RESTRICTED' | 'PRIVATE';
}

export interface GroupEventsData {
  group: {
    id: string;
    preferredUsername: string;
    name: string | null;
    domain: string | null;
    organizedEvents: Page<GroupEventSummary> | null;
  } | null;
}

/** A group's events, upcoming (soonest first) or past (latest first); its members also get drafts. */
export const GROUP_EVENTS = graphql<
  GroupEventsData,
  {
    name: string;
    afterDatetime?: string | null;
    beforeDatetime?: string | null;
    orderDirection: 'ASC' | 'DESC';
    page: number;
    limit: number;
  }
>(`
  query GroupEventsPage(
    $name: String!
    $afterDatetime: DateTime
    $beforeDatetime: DateTime
    $orderDirection: SortDirection
    $page: Int
    $limit: Int
  ) {
    group(preferredUsername: $name) {
      id
      preferredUsername
      name
      domain
      organizedEvents(
        afterDatetime: $afterDatetime
        beforeDatetime: $beforeDatetime
        orderDirection: $orderDirection
        page: $page
        limit: $limit
      ) {
        total
        elements {
          id
          uuid
          title
          beginsOn
          endsOn
          status
          draft
          visibility
          onlineAddress
          options {
            timezone
          }
          physicalAddress {
            description
            locality
          }
        }
      }
    }
  }
`);

/** The groups where the signed-in person's profiles may organize events, with the profile that may. */
export interface OrganizerGroup {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
  /** The person's profiles that are moderator or more there. */
  actorIds: string[];
}

export interface OrganizerGroupsData {
  identities:
    | ({
        id: string;
        memberships: {
          elements:
            | ({
                role: string;
                parent: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
              } | null)[]
            | null;
        } | null;
      } | null)[]
    | null;
}

export const ORGANIZER_GROUPS = graphql<OrganizerGroupsData>(`
  query OrganizerGroups {
    identities {
      id
      memberships(limit: 100) {
        elements {
          role
          parent {
            id
            preferredUsername
            name
            domain
          }
        }
      }
    }
  }
`);

const ORGANIZING_ROLES = new Set(['MODERATOR', 'ADMINISTRATOR', 'CREATOR']);

/**
 * The groups the person's profiles may organize for, once each, with the profiles that may: local
 * ones only (new events), or with `remote` also those on other servers (changing their events).
 */
export function organizerGroups(data: OrganizerGroupsData, { remote = false } = {}): OrganizerGroup[] {
  const seen = new Map<string, OrganizerGroup>();
  for (const identity of data.identities ?? []) {
    for (const membership of identity?.memberships?.elements ?? []) {
      const group = membership?.parent;
      if (!identity || !group || (group.domain && !remote) || !ORGANIZING_ROLES.has(membership.role)) continue;
      const known = seen.get(group.id);
      if (known) known.actorIds.push(identity.id);
      else seen.set(group.id, { ...group, actorIds: [identity.id] });
    }
  }
  return [...seen.values()];
}

/** Who organizes a group's event: the chosen profile when it may, else the first of the person's that may. */
export function organizingProfile(groups: OrganizerGroup[], groupId: string, chosenActorId: string): string {
  const group = groups.find((g) => g.id === groupId);
  if (!group || group.actorIds.includes(chosenActorId)) return chosenActorId;
  return group.actorIds[0] ?? chosenActorId;
}

/**
 * Whether the signed-in person may change this event as a moderator (or more) of the group
 * organizing it, here or on another server (whose server then decides). Asks only for a group's
 * event; a failed look-up answers no.
 */
export async function managesAsGroup(
  event: Parameters<typeof gqlAs>[0],
  found: { attributedTo?: { id: string } | null }
): Promise<boolean> {
  const groupId = found.attributedTo?.id;
  if (!groupId) return false;
  const groups = await gqlAs(event, ORGANIZER_GROUPS, {}).then(
    (data) => organizerGroups(data, { remote: true }),
    () => []
  );
  return groups.some((g) => g.id === groupId);
}
