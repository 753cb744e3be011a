import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { plainTextToHtml, UPDATE_PARTICIPATION, UUID_PATTERN, type ParticipantRole } from '#lib/api/events.ts';
import {
  ANNOUNCEMENT_ROLES,
  EVENT_PARTICIPANTS,
  EXPORT_FORMATS,
  EXPORT_PARTICIPANTS,
  exportUrl,
  isRoleFilter,
  MANAGED_EVENT,
  ORGANIZER_ROLES,
  parseExportParam,
  PARTICIPANTS_PER_PAGE,
  PROFILE_ROLE,
  ROLE_FILTERS,
  SEND_ANNOUNCEMENT,
  type ExportFormat,
  type ManagedParticipant,
  type RoleFilter
} from '#lib/api/organizer.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const MAX_ANNOUNCEMENT = 5000;

/** The event, and the user's profiles that run it; anyone else is turned away here. */
async function managed(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  const { uuid } = event.params;
  if (!UUID_PATTERN.test(uuid)) error(404, 'Not found');
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { event: found } = await gqlAs(event, MANAGED_EVENT, { uuid });
  if (!found) error(404, 'Not found');
  return found;
}

async function organizerProfiles(
  event: Parameters<PageServerLoad>[0],
  eventId: string,
  actors: { id: string; preferredUsername: string; name: string | null }[]
) {
  const roles = await Promise.all(
    actors.map(async (actor) => {
      const { person } = await gqlAs(event, PROFILE_ROLE, { actorId: actor.id, eventId });
      return person?.participations?.elements?.[0]?.role;
    })
  );
  return actors.filter((_, i) => {
    const role = roles[i];
    return role !== undefined && ORGANIZER_ROLES.includes(role);
  });
}

const rolesOf = (filter: RoleFilter): ParticipantRole[] =>
  ROLE_FILTERS[filter]
    .split(',')
    .filter(Boolean)
    .map((r) => r.toUpperCase() as ParticipantRole);

/** Whether the backend has written the file yet (asked as the visitor: the cookie goes along). */
async function exportState(fetch: typeof globalThis.fetch, format: ExportFormat, path: string) {
  const response = await fetch(exportUrl(format, path), { method: 'HEAD' });
  if (response.status === 200) return 'ready' as const;
  if (response.status === 202) return 'pending' as const;
  return response.status === 404 ? ('missing' as const) : ('failed' as const);
}

export const load: PageServerLoad = async (event) => {
  try {
    const found = await managed(event);
    const { user } = await event.parent();
    if (!user) redirect(303, loginUrl(event.url));
    const organizers = await organizerProfiles(event, found.id, user.actors);
    if (organizers.length === 0) error(403, 'Forbidden');

    const rawFilter = event.url.searchParams.get('role');
    const filter: RoleFilter = isRoleFilter(rawFilter) ? rawFilter : 'all';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1));
    const list = await gqlAs(event, EVENT_PARTICIPANTS, {
      uuid: found.uuid,
      roles: ROLE_FILTERS[filter],
      page,
      limit: PARTICIPANTS_PER_PAGE
    });
    const total = list.event?.participants?.total ?? 0;
    const participants = (list.event?.participants?.elements ?? []).filter((p): p is ManagedParticipant => p !== null);
    const requested = parseExportParam(event.url.searchParams.get('export'));
    const exported = requested
      ? {
          ...requested,
          url: exportUrl(requested.format, requested.path),
          state: await exportState(event.fetch, requested.format, requested.path)
        }
      : null;
    return {
      managed: found,
      organizers,
      filter,
      page,
      pages: Math.max(1, Math.ceil(total / PARTICIPANTS_PER_PAGE)),
      total,
      participants,
      exported
    };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    if (caught.notFound) error(404, 'Not found');
    if (caught.statusCode === 403) error(403, 'Forbidden');
    throw caught;
  }
};

/** Keeps the list's filter and page in the address the action sends the visitor back to. */
function listUrl(url: URL, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ['role', 'page']) {
    const value = url.searchParams.get(key);
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

function refusal(err: GraphQLRequestError, fallback: MessageKey): MessageKey {
  if (err.statusCode === 403) return 'organizer.error.forbidden';
  if (err.statusCode === 409) return 'organizer.error.full';
  return fallback;
}

export const actions: Actions = {
  /** Approve or reject one participation: `decision` is approve or reject. */
  decide: async (event) => {
    const data = await event.request.formData();
    const role = textField(data, 'decision') === 'approve' ? 'PARTICIPANT' : 'REJECTED';
    try {
      await gqlAs(event, UPDATE_PARTICIPATION, { id: textField(data, 'participantId'), role });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      return fail(400, { decisionError: refusal(err, 'organizer.error.decision') });
    }
    return { decided: role === 'PARTICIPANT' ? ('approved' as const) : ('rejected' as const) };
  },

  /** Starts an export of the current filter's roles, then shows the list with its progress. */
  export: async (event) => {
    const data = await event.request.formData();
    const format = textField(data, 'format').toUpperCase() as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) return fail(400, { exportError: 'organizer.error.export' as MessageKey });
    const rawFilter = textField(data, 'role');
    const roles = rolesOf(isRoleFilter(rawFilter) ? rawFilter : 'all');
    let path: string | null | undefined;
    try {
      const found = await managed(event);
      path = (await gqlAs(event, EXPORT_PARTICIPANTS, { eventId: found.id, format, roles })).exportEventParticipants
        ?.path;
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      return fail(400, { exportError: refusal(err, 'organizer.error.export') });
    }
    if (!path) return fail(400, { exportError: 'organizer.error.export' as MessageKey });
    redirect(303, listUrl(event.url, { export: `${format}:${path}` }));
  },

  /** An announcement by mail to the participants of the chosen roles. */
  announce: async (event) => {
    const data = await event.request.formData();
    const text = textField(data, 'text');
    const actorId = textField(data, 'actorId');
    const roles = data
      .getAll('roles')
      .filter((r): r is ParticipantRole => typeof r === 'string' && ANNOUNCEMENT_ROLES.includes(r as ParticipantRole));
    if (!text) return fail(400, { announceError: 'organizer.announce.error.empty' as MessageKey, text });
    if (text.length > MAX_ANNOUNCEMENT) {
      return fail(400, { announceError: 'organizer.announce.error.tooLong' as MessageKey, text });
    }
    try {
      const found = await managed(event);
      await gqlAs(event, SEND_ANNOUNCEMENT, {
        eventId: found.id,
        actorId,
        text: plainTextToHtml(text),
        roles: roles.length > 0 ? roles : ['PARTICIPANT']
      });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      if (err.field === 'text')
        return fail(400, { announceError: 'organizer.announce.error.empty' as MessageKey, text });
      return fail(400, { announceError: refusal(err, 'organizer.announce.error.failed'), text });
    }
    return { announced: true };
  }
};
