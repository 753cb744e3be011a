import { redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import {
  MY_DRAFTS,
  MY_EVENTS_PAGE_SIZE,
  MY_EVENTS_TABS,
  MY_ORGANIZED,
  MY_PARTICIPATIONS,
  type EventSummary,
  type MyEventsTab,
  type Page
} from '#lib/api/my-events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

export interface MyEventsEntry {
  event: EventSummary;
  /** The profile taking part (participation lists), or organizing (organized lists). */
  profile: { id: string; preferredUsername: string; name: string | null } | null;
  role: string | null;
}

const present = <T>(page: Page<T> | null | undefined): { total: number; elements: T[] } => ({
  total: page?.total ?? 0,
  elements: (page?.elements ?? []).filter((element): element is T => element !== null)
});

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { user } = await event.parent();
  if (!user) redirect(303, loginUrl(event.url));

  const params = event.url.searchParams;
  const tabParam = params.get('tab');
  const tab: MyEventsTab = MY_EVENTS_TABS.includes(tabParam as MyEventsTab) ? (tabParam as MyEventsTab) : 'upcoming';
  const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const profiles = user.actors;
  const profileParam = params.get('profile');
  const profile =
    profiles.find((p) => p.id === profileParam) ??
    profiles.find((p) => p.id === user.defaultActor?.id) ??
    profiles[0] ??
    null;
  const variables = { page: pageNumber, limit: MY_EVENTS_PAGE_SIZE };
  const now = new Date().toISOString();

  let total = 0;
  let entries: MyEventsEntry[] = [];
  try {
    if (tab === 'upcoming' || tab === 'past') {
      const window = tab === 'upcoming' ? { afterDatetime: now } : { beforeDatetime: now };
      const list = present(
        (await gqlAs(event, MY_PARTICIPATIONS, { ...variables, ...window })).loggedUser.participations
      );
      total = list.total;
      entries = list.elements.flatMap((p) => (p.event ? [{ event: p.event, profile: p.actor, role: p.role }] : []));
    } else if (tab === 'drafts') {
      const list = present((await gqlAs(event, MY_DRAFTS, variables)).loggedUser.drafts);
      total = list.total;
      entries = list.elements.map((e) => ({ event: e, profile: null, role: null }));
    } else if (profile) {
      const result = await gqlAs(event, MY_ORGANIZED, { ...variables, actorId: profile.id });
      const list = present(result.person?.organizedEvents);
      total = list.total;
      entries = list.elements.map((e) => ({ event: e, profile, role: null }));
    }
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.unauthenticated) redirect(303, loginUrl(event.url));
    throw caught;
  }

  return {
    tab,
    page: pageNumber,
    totalPages: Math.max(1, Math.ceil(total / MY_EVENTS_PAGE_SIZE)),
    total,
    entries,
    profiles,
    profileId: profile?.id ?? null,
    notice: params.get('notice') === 'deleted' ? ('eventPages.me.deleted' as const) : null
  };
};
