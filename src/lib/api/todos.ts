import { GraphQLRequestError, graphql } from './client.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** Documents and helpers of a group's todo lists (pages under /@name/todo-lists). */

export interface TodoPerson {
  id: string;
  name: string | null;
  preferredUsername: string;
  domain: string | null;
}

export interface TodoItem {
  id: string;
  title: string;
  status: boolean;
  dueDate: string | null;
  assignedTo: TodoPerson | null;
}

const PERSON = 'id name preferredUsername domain';
const MEMBER_ROLES = 'member,moderator,administrator,creator';

/** The group, the current profile's membership of it, and a page of its lists. */
export const GROUP_TODO_LISTS = graphql<
  {
    group: TodoPerson & {
      todoLists: { total: number; elements: { id: string; title: string; todos: { total: number } }[] };
    };
    loggedPerson: { memberships: { elements: { role: string }[] } } | null;
  },
  { name: string; page: number; limit: number }
>(`query GroupTodoLists($name: String!, $page: Int, $limit: Int) {
  group(preferredUsername: $name) { ${PERSON}
    todoLists(page: $page, limit: $limit) { total elements { id title todos(limit: 1) { total } } } }
  loggedPerson { memberships(group: $name) { elements { role } } }
}`);

export const CREATE_TODO_LIST = graphql<{ createTodoList: { id: string } }, { title: string; groupId: string }>(`
  mutation CreateTodoList($title: String!, $groupId: ID!) {
    createTodoList(title: $title, groupId: $groupId) {
      id
    }
  }
`);

/** One list with a page of its todos, and the group's members (whom a todo may be given to). */
export const TODO_LIST = graphql<
  {
    todoList: {
      id: string;
      title: string;
      actor: TodoPerson | null;
      todos: { total: number; elements: TodoItem[] };
    };
    group: { members: { elements: { actor: TodoPerson }[] } };
  },
  { id: string; name: string; page: number; limit: number }
>(`query TodoListPage($id: ID!, $name: String!, $page: Int, $limit: Int) {
  todoList(id: $id) { id title actor { ${PERSON} }
    todos(page: $page, limit: $limit) { total elements { id title status dueDate assignedTo { ${PERSON} } } } }
  group(preferredUsername: $name) { members(roles: "${MEMBER_ROLES}", limit: 100) { elements { actor { ${PERSON} } } } }
}`);

type TodoFields = { title?: string; status?: boolean; dueDate?: string | null; assignedToId?: string | null };

export const CREATE_TODO = graphql<{ createTodo: { id: string } }, TodoFields & { todoListId: string; title: string }>(`
  mutation CreateTodo($todoListId: ID!, $title: String!, $status: Boolean, $dueDate: DateTime, $assignedToId: ID) {
    createTodo(
      todoListId: $todoListId
      title: $title
      status: $status
      dueDate: $dueDate
      assignedToId: $assignedToId
    ) {
      id
    }
  }
`);

export const UPDATE_TODO = graphql<{ updateTodo: { id: string } }, TodoFields & { id: string }>(`
  mutation UpdateTodo($id: ID!, $title: String, $status: Boolean, $dueDate: DateTime, $assignedToId: ID) {
    updateTodo(id: $id, title: $title, status: $status, dueDate: $dueDate, assignedToId: $assignedToId) {
      id
    }
  }
`);

/** `/@name` of a group, as its pages are addressed (`name@domain` for a group of another server). */
export const groupHandle = (group: { preferredUsername: string; domain: string | null }) =>
  group.domain ? `${group.preferredUsername}@${group.domain}` : group.preferredUsername;

/** A date field (`YYYY-MM-DD`) as the API's date-time: that day, in UTC; empty clears it. */
export function dueDateOf(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return null;
  return `${value}T00:00:00Z`;
}

/** The due date as a date field shows it. */
export const dateFieldOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

export function todoRefusal(error: GraphQLRequestError): MessageKey {
  if (error.code === 'unauthorized' || error.code === 'forbidden') return 'todos.error.forbidden';
  if (error.field === 'assignedToId') return 'todos.error.assignee';
  if (error.field === 'title') return 'todos.error.title';
  if (error.notFound) return 'todos.error.notFound';
  return 'todos.error.unknown';
}
