import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { pageParam } from '#lib/api/reports.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import { CREATE_TODO, dueDateOf, groupHandle, TODO_LIST, todoRefusal, UPDATE_TODO } from '#lib/api/todos.ts';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
type ActionEvent = Parameters<Actions[string]>[0];

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const page = pageParam(event.url.searchParams.get('page'));
  try {
    const { todoList, group } = await gqlAs(event, TODO_LIST, {
      id: event.params.id,
      name: event.params.name,
      page,
      limit: PAGE_SIZE
    });
    // A list is shown under its own group's address only.
    if (!todoList.actor || groupHandle(todoList.actor).toLowerCase() !== event.params.name.toLowerCase()) {
      error(404, 'Not found');
    }
    return {
      forbidden: false as const,
      handle: groupHandle(todoList.actor),
      list: { id: todoList.id, title: todoList.title },
      todos: todoList.todos.elements,
      page,
      totalPages: Math.max(1, Math.ceil(todoList.todos.total / PAGE_SIZE)),
      members: group.members.elements.map((m) => m.actor)
    };
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    if (err.code === 'unauthorized') return { forbidden: true as const, handle: event.params.name };
    if (err.notFound) error(404, 'Not found');
    throw err;
  }
};

/** Each form posts here and comes back to the list; a refusal is shown beside the todo it concerns. */
async function todoAction(event: ActionEvent, run: (data: FormData) => Promise<unknown>) {
  const data = await event.request.formData();
  const todoId = textField(data, 'id') || null;
  try {
    await run(data);
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    return fail(400, { error: todoRefusal(err), todoId, title: textField(data, 'title') });
  }
  redirect(303, `${event.url.pathname}${todoId ? `#todo-${todoId}` : ''}`);
}

const assignee = (data: FormData) => textField(data, 'assignedToId') || null;

export const actions: Actions = {
  add: (event) =>
    todoAction(event, (data) =>
      gqlAs(event, CREATE_TODO, {
        todoListId: event.params.id ?? '',
        title: textField(data, 'title'),
        status: false,
        dueDate: dueDateOf(textField(data, 'dueDate')),
        assignedToId: assignee(data)
      })
    ),
  toggle: (event) =>
    todoAction(event, (data) =>
      gqlAs(event, UPDATE_TODO, { id: textField(data, 'id'), status: textField(data, 'status') === 'true' })
    ),
  update: (event) =>
    todoAction(event, (data) =>
      gqlAs(event, UPDATE_TODO, {
        id: textField(data, 'id'),
        title: textField(data, 'title'),
        dueDate: dueDateOf(textField(data, 'dueDate')),
        assignedToId: assignee(data)
      })
    )
};
