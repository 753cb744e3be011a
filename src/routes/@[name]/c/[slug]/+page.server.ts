import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { DELETE_COMMENT, UPDATE_COMMENT } from '#lib/api/comments.ts';
import { discussionAction, messageOf, titleOf } from '#lib/api/discussion-actions.ts';
import {
  DELETE_DISCUSSION,
  DISCUSSION_THREAD,
  isMember,
  isModerator,
  MESSAGES_PAGE_SIZE,
  pageParam,
  RENAME_DISCUSSION,
  REPLY_TO_DISCUSSION,
  viewerInGroup,
  type MessageView
} from '#lib/api/discussions.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

const handleOf = (group: { preferredUsername: string; domain: string | null }) =>
  group.domain ? `${group.preferredUsername}@${group.domain}` : group.preferredUsername;

/** `/@group/c/<slug>`: one discussion, its messages a page at a time, to the group's members. */
export const load: PageServerLoad = async (event) => {
  const { name, slug } = event.params;
  const page = pageParam(event.url);
  const { user } = await event.parent();
  if (!user) redirect(303, `/login?redirect=${encodeURIComponent(event.url.pathname)}`);
  let data;
  try {
    data = await gqlAs(event, DISCUSSION_THREAD, { slug, name, page, limit: MESSAGES_PAGE_SIZE, signedIn: true });
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
  const discussion = data.discussion;
  if (!discussion?.actor) error(404, 'Not found');
  // The thread lives under its own group's address.
  if (handleOf(discussion.actor) !== name) redirect(301, `/@${handleOf(discussion.actor)}/c/${discussion.slug}`);
  const { role, profileIds } = viewerInGroup(data);
  const total = discussion.comments?.total ?? 0;
  return {
    discussion,
    messages: (discussion.comments?.elements ?? []).filter((m): m is MessageView => m !== null),
    page,
    totalPages: Math.max(1, Math.ceil(total / MESSAGES_PAGE_SIZE)),
    profileIds,
    member: isMember(role),
    moderator: isModerator(role),
    creator: discussion.creator !== null && profileIds.includes(discussion.creator.id),
    timeZone: user.settings?.timezone ?? null
  };
};

const here = (event: { params: { name: string; slug: string } }) => `/@${event.params.name}/c/${event.params.slug}`;

export const actions: Actions = {
  reply: (event) =>
    discussionAction(
      event,
      async (data) => {
        const { replyToDiscussion: replied } = await gqlAs(event, REPLY_TO_DISCUSSION, {
          discussionId: textField(data, 'discussionId'),
          text: messageOf(data)
        });
        const last = Math.max(1, Math.ceil((replied?.comments?.total ?? 1) / MESSAGES_PAGE_SIZE));
        const anchor = replied?.lastComment ? `#message-${replied.lastComment.id}` : '';
        return `${here(event)}?page=${last}${anchor}`;
      },
      ['text']
    ),
  rename: (event) =>
    discussionAction(event, async (data) => {
      await gqlAs(event, RENAME_DISCUSSION, { discussionId: textField(data, 'discussionId'), title: titleOf(data) });
      return here(event);
    }),
  delete: (event) =>
    discussionAction(event, async (data) => {
      await gqlAs(event, DELETE_DISCUSSION, { discussionId: textField(data, 'discussionId') });
      return `/@${event.params.name}/discussions`;
    }),
  edit: (event) =>
    discussionAction(event, async (data) => {
      const commentId = textField(data, 'commentId');
      await gqlAs(event, UPDATE_COMMENT, { commentId, text: messageOf(data) });
      return `${here(event)}?page=${pageParam(event.url)}#message-${encodeURIComponent(commentId)}`;
    }),
  deleteMessage: (event) =>
    discussionAction(event, async (data) => {
      const commentId = textField(data, 'commentId');
      await gqlAs(event, DELETE_COMMENT, { commentId });
      return `${here(event)}?page=${pageParam(event.url)}#message-${encodeURIComponent(commentId)}`;
    })
};
