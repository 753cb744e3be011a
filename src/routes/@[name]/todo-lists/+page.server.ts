import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { pageParam } from '#lib/api/reports.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import { CREATE_TODO_LIST, GROUP_TODO_LISTS, groupHandle, todoRefusal } from '#lib/api/todos.ts';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const MEMBER_ROLES = ['MEMBER', 'MODERATOR', 'ADMINISTRATOR', 'CREATOR'];

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const page = pageParam(event.url.searchParams.get('page'));
  try {
    const { group, loggedPerson } = await gqlAs(event, GROUP_TODO_LISTS, {
      name: event.params.name,
      page,
      limit: PAGE_SIZE
    });
    const roles = loggedPerson?.memberships.elements.map((m) => m.role) ?? [];
    return {
      group: { id: group.id, name: group.name, preferredUsername: group.preferredUsername, handle: groupHandle(group) },
      member: roles.some((role) => MEMBER_ROLES.includes(role)),
      page,
      totalPages: Math.max(1, Math.ceil(group.todoLists.total / PAGE_SIZE)),
      lists: group.todoLists.elements
    };
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) redirect(303, loginUrl(event.url));
    if (err instanceof GraphQLRequestError && err.notFound) error(404, 'Not found');
    throw err;
  }
};

export const actions: Actions = {
  create: async (event) => {
    const data = await event.request.formData();
    const title = textField(data, 'title');
    let id: string;
    try {
      ({
        createTodoList: { id }
      } = await gqlAs(event, CREATE_TODO_LIST, { title, groupId: textField(data, 'groupId') }));
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      return fail(400, { error: todoRefusal(err), title });
    }
    redirect(303, `/@${event.params.name}/todo-lists/${id}`);
  }
};
