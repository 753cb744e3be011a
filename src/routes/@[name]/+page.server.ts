import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { ACCEPT_INVITATION, REJECT_INVITATION } from '#lib/api/group-members.ts';
import { membershipError } from '#lib/api/group-errors.ts';
import { GROUP_LATEST_POSTS, GROUP_PAGE, JOIN_GROUP, LEAVE_GROUP, type PostSummary } from '#lib/api/groups.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

const UPCOMING = 3;

/**
 * The group's latest posts, or null while the API has no `Group.posts` (the posts work adds it):
 * a refused query must not take the group page down with it.
 */
async function latestPosts(event: RequestEvent, name: string): Promise<PostSummary[] | null> {
  try {
    const { group } = await gqlAs(event, GROUP_LATEST_POSTS, { name });
    return (group.posts?.elements ?? []).filter((post): post is PostSummary => post !== null);
  } catch (caught) {
    if (caught instanceof GraphQLRequestError) return null;
    throw caught;
  }
}

export const load: PageServerLoad = async (event) => {
  const { groupName } = await event.parent();
  const [{ group }, posts] = await Promise.all([
    gqlAs(event, GROUP_PAGE, { name: groupName, afterDatetime: new Date().toISOString(), limit: UPCOMING }),
    latestPosts(event, groupName)
  ]);
  const events = (group.organizedEvents?.elements ?? []).filter((e) => e !== null);
  return {
    details: group,
    events,
    moreEvents: (group.organizedEvents?.total ?? 0) > events.length,
    posts,
    notice: event.url.searchParams.get('created') === '1' ? ('groups.page.created' as MessageKey) : null
  };
};

/** Runs one membership change; the API's refusal comes back as a message for the membership box. */
async function membershipAction(event: RequestEvent, run: (data: FormData) => Promise<unknown>, done: MessageKey) {
  const data = await event.request.formData();
  try {
    await run(data);
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    return fail(400, { membershipError: membershipError(caught) });
  }
  return { membershipDone: done };
}

export const actions: Actions = {
  join: (event) =>
    membershipAction(
      event,
      (data) => gqlAs(event, JOIN_GROUP, { groupId: textField(data, 'groupId') }),
      'groups.membership.joined'
    ),
  leave: (event) =>
    membershipAction(
      event,
      (data) => gqlAs(event, LEAVE_GROUP, { groupId: textField(data, 'groupId') }),
      'groups.membership.left'
    ),
  accept: (event) =>
    membershipAction(
      event,
      (data) => gqlAs(event, ACCEPT_INVITATION, { id: textField(data, 'memberId') }),
      'groups.invitations.accepted'
    ),
  decline: (event) =>
    membershipAction(
      event,
      (data) => gqlAs(event, REJECT_INVITATION, { id: textField(data, 'memberId') }),
      'groups.invitations.declined'
    )
};
