import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { memberAdminError, membershipError } from '#lib/api/group-errors.ts';
import {
  ACCEPT_INVITATION,
  APPROVE_MEMBER,
  MY_MEMBERSHIPS,
  REJECT_INVITATION,
  REJECT_MEMBER,
  type MemberEntry,
  type Membership
} from '#lib/api/group-members.ts';
import { isMember, isModerator } from '#lib/api/groups.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

type Profile = { id: string; preferredUsername: string; name: string | null };
export interface MyMembership extends Membership {
  profile: Profile;
}
export interface JoinRequest {
  request: MemberEntry;
  group: NonNullable<Membership['parent']>;
}

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { user } = await event.parent();
  if (!user) redirect(303, loginUrl(event.url));
  let identities;
  try {
    identities = (await gqlAs(event, MY_MEMBERSHIPS, {})).identities ?? [];
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.unauthenticated) redirect(303, loginUrl(event.url));
    throw caught;
  }
  const all: MyMembership[] = identities.flatMap((identity) =>
    identity
      ? (identity.memberships?.elements ?? []).flatMap((m) =>
          m?.parent
            ? [
                {
                  ...m,
                  profile: { id: identity.id, preferredUsername: identity.preferredUsername, name: identity.name }
                }
              ]
            : []
        )
      : []
  );
  // A group two of my profiles moderate lists its requests once.
  const seen = new Set<string>();
  const requests: JoinRequest[] = all
    .filter((m) => isModerator(m.role))
    .flatMap((m) =>
      (m.parent!.requests?.elements ?? []).flatMap((request) => {
        if (!request || seen.has(request.id)) return [];
        seen.add(request.id);
        return [{ request, group: m.parent! }];
      })
    );
  return {
    invitations: all.filter((m) => m.role === 'INVITED'),
    requests,
    groups: all.filter((m) => isMember(m.role) || m.role === 'NOT_APPROVED'),
    manyProfiles: identities.length > 1,
    notice: event.url.searchParams.get('deleted') === '1' ? ('groups.settings.deleted' as MessageKey) : null
  };
};

async function answer(
  event: RequestEvent,
  section: 'invitation' | 'request',
  run: (memberId: string) => Promise<unknown>,
  done: MessageKey
) {
  const data = await event.request.formData();
  const memberId = textField(data, 'memberId');
  try {
    await run(memberId);
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    const error = section === 'invitation' ? membershipError(caught) : memberAdminError(caught);
    return fail(400, { section, memberId, error, done: null });
  }
  return { section, memberId, error: null, done };
}

export const actions: Actions = {
  accept: (event) =>
    answer(event, 'invitation', (id) => gqlAs(event, ACCEPT_INVITATION, { id }), 'groups.invitations.accepted'),
  decline: (event) =>
    answer(event, 'invitation', (id) => gqlAs(event, REJECT_INVITATION, { id }), 'groups.invitations.declined'),
  approve: (event) =>
    answer(event, 'request', (memberId) => gqlAs(event, APPROVE_MEMBER, { memberId }), 'groups.members.approved'),
  refuse: (event) =>
    answer(event, 'request', (memberId) => gqlAs(event, REJECT_MEMBER, { memberId }), 'groups.members.refused')
};
