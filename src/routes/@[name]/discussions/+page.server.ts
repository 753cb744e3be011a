import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { discussionAction, messageOf, titleOf } from '#lib/api/discussion-actions.ts';
import {
  CREATE_DISCUSSION,
  DISCUSSIONS_PAGE_SIZE,
  GROUP_DISCUSSIONS,
  isMember,
  pageParam,
  viewerInGroup,
  type DiscussionSummary
} from '#lib/api/discussions.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

/** `/@group/discussions`: the group's threads, latest activity first, to its members. */
export const load: PageServerLoad = async (event) => {
  const name = event.params.name;
  const page = pageParam(event.url);
  const { user } = await event.parent();
  try {
    const data = await gqlAs(event, GROUP_DISCUSSIONS, {
      name,
      page,
      limit: DISCUSSIONS_PAGE_SIZE,
      signedIn: user !== null
    });
    if (!data.group) error(404, 'Not found');
    const { role } = viewerInGroup(data);
    const list = data.group.discussions;
    return {
      group: data.group,
      signedIn: user !== null,
      member: isMember(role),
      page,
      totalPages: Math.max(1, Math.ceil((list?.total ?? 0) / DISCUSSIONS_PAGE_SIZE)),
      discussions: (list?.elements ?? []).filter((d): d is DiscussionSummary => d !== null),
      timeZone: user?.settings?.timezone ?? null
    };
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
};

export const actions: Actions = {
  create: (event) =>
    discussionAction(
      event,
      async (data) => {
        const created = await gqlAs(event, CREATE_DISCUSSION, {
          title: titleOf(data),
          text: messageOf(data),
          actorId: textField(data, 'groupId')
        });
        const slug = created.createDiscussion?.slug ?? '';
        return `/@${event.params.name}/c/${encodeURIComponent(slug)}`;
      },
      ['title', 'text']
    )
};
