import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { memberAdminError } from '#lib/api/group-errors.ts';
import {
  APPROVE_MEMBER,
  GROUP_MEMBERS,
  INVITE_MEMBER,
  MEMBERS_PAGE_SIZE,
  REJECT_MEMBER,
  REMOVE_MEMBER,
  UPDATE_MEMBER,
  type MemberEntry
} from '#lib/api/group-members.ts';
import { ASSIGNABLE_ROLES, isMember } from '#lib/api/groups.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

const present = (list: { elements: (MemberEntry | null)[] | null } | null | undefined) =>
  (list?.elements ?? []).filter((m): m is MemberEntry => m !== null);

export const load: PageServerLoad = async (event) => {
  const { groupName, viewerRole, user } = await event.parent();
  if (!user || !hasSession(event)) redirect(303, loginUrl(event.url));
  if (!isMember(viewerRole)) error(403, 'Only members see who the members are');
  const page = Math.max(1, Math.min(10_000, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1));
  const { group } = await gqlAs(event, GROUP_MEMBERS, { name: groupName, page, limit: MEMBERS_PAGE_SIZE });
  const total = group.members?.total ?? 0;
  return {
    page,
    total,
    totalPages: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)),
    members: present(group.members),
    requests: present(group.requests),
    invitations: present(group.invitations)
  };
};

type MemberForm = 'invite' | 'request' | 'member' | 'invitation';

/** One change on the members page: its result says which form and which member it was about. */
async function memberAction(event: RequestEvent, form: MemberForm, run: (data: FormData) => Promise<MessageKey>) {
  const data = await event.request.formData();
  const memberId = textField(data, 'memberId') || null;
  try {
    const done = await run(data);
    return { form, memberId, done, error: null as MessageKey | null, handle: '' };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    const message = memberAdminError(caught);
    if (message === 'groups.error.unknown') console.error('a members change failed', caught);
    return fail(400, { form, memberId, done: null, error: message, handle: textField(data, 'handle') });
  }
}

const isAssignable = (role: string): role is (typeof ASSIGNABLE_ROLES)[number] =>
  (ASSIGNABLE_ROLES as readonly string[]).includes(role);

export const actions: Actions = {
  invite: (event) =>
    memberAction(event, 'invite', async (data) => {
      const handle = textField(data, 'handle').replace(/^@/, '');
      if (!handle) {
        throw new GraphQLRequestError(400, [{ message: 'No handle', code: 'not_found', field: 'targetActorUsername' }]);
      }
      await gqlAs(event, INVITE_MEMBER, { groupId: textField(data, 'groupId'), targetActorUsername: handle });
      return 'groups.members.invited';
    }),
  approve: (event) =>
    memberAction(event, 'request', async (data) => {
      await gqlAs(event, APPROVE_MEMBER, { memberId: textField(data, 'memberId') });
      return 'groups.members.approved';
    }),
  refuse: (event) =>
    memberAction(event, 'request', async (data) => {
      await gqlAs(event, REJECT_MEMBER, { memberId: textField(data, 'memberId') });
      return 'groups.members.refused';
    }),
  role: (event) =>
    memberAction(event, 'member', async (data) => {
      const role = textField(data, 'role');
      if (!isAssignable(role)) throw new GraphQLRequestError(400, [{ message: 'Bad role', code: 'validation' }]);
      await gqlAs(event, UPDATE_MEMBER, { memberId: textField(data, 'memberId'), role });
      return 'groups.members.roleChanged';
    }),
  remove: (event) =>
    memberAction(event, 'member', async (data) => {
      const exclude = data.get('exclude') === 'yes';
      await gqlAs(event, REMOVE_MEMBER, { memberId: textField(data, 'memberId'), exclude });
      return exclude ? 'groups.members.excluded' : 'groups.members.removed';
    }),
  cancelInvitation: (event) =>
    memberAction(event, 'invitation', async (data) => {
      await gqlAs(event, REMOVE_MEMBER, { memberId: textField(data, 'memberId'), exclude: false });
      return 'groups.members.invitationCancelled';
    })
};
