import type { Actor } from '../../db/schema/actors.ts';
import type { FedContext } from '../context.ts';
import { todoFromAp, todoListFromAp, type TodoData } from '../converters/todo.ts';
import { takenOrRefused } from './domain-refusal.ts';
import type { GroupAnnounced } from './group-announce.ts';
import { localGroupOf } from './local-group.ts';
import type { MemberContent } from './member-content.ts';

/**
 * A group's todo lists and todos coming in (Mobilizon's TodoList and Todo, in a Create or an
 * Update). From a member on another server to our group: the domain checks the member's
 * permission, and that the object comes from the member's server. From a remote group (its
 * Announce, or sent by the group itself): a copy, for a list of that group. There is no Delete.
 */
export async function receiveMemberTodoList(ctx: FedContext, content: MemberContent): Promise<boolean> {
  const list = content.verb === 'Delete' ? null : todoListFromAp(content.object);
  if (!list || !content.object) return false;
  const { todos } = ctx.data.services;
  const group = await localGroupOf(ctx, content.object);
  const input = { apId: list.id, title: list.title };
  if (group) {
    const acting = { remoteActorId: content.sender.id };
    return takenOrRefused(ctx, 'group todo', list.id, () =>
      todos.receiveRemoteTodoList(acting, { ...input, groupId: group.id })
    );
  }
  if (!speaksForItself(content.sender, list.group)) return false;
  return takenOrRefused(ctx, 'group todo', list.id, () =>
    todos.todoListForGroupAnnounce({ ...input, groupId: content.sender.id })
  );
}

export async function receiveMemberTodo(ctx: FedContext, content: MemberContent): Promise<boolean> {
  const todo = content.verb === 'Delete' ? null : todoFromAp(content.object);
  if (!todo || !content.object) return false;
  const { todos } = ctx.data.services;
  const group = await localGroupOf(ctx, content.object);
  if (group) {
    const input = await todoInput(ctx, todo);
    const acting = { remoteActorId: content.sender.id };
    return takenOrRefused(ctx, 'group todo', todo.id, () => todos.receiveRemoteTodo(acting, input));
  }
  if (!speaksForItself(content.sender, todo.group)) return false;
  return announcedTodo(ctx, content.sender, todo);
}

export async function receiveAnnouncedTodoList(ctx: FedContext, announced: GroupAnnounced): Promise<boolean> {
  const list = announced.verb === 'Delete' ? null : todoListFromAp(announced.object);
  if (!list || list.group !== announced.group.apId) return false;
  const input = { apId: list.id, title: list.title, groupId: announced.group.id };
  return takenOrRefused(ctx, 'group todo', list.id, () => ctx.data.services.todos.todoListForGroupAnnounce(input));
}

export async function receiveAnnouncedTodo(ctx: FedContext, announced: GroupAnnounced): Promise<boolean> {
  const todo = announced.verb === 'Delete' ? null : todoFromAp(announced.object);
  if (!todo || todo.group !== announced.group.apId) return false;
  return announcedTodo(ctx, announced.group, todo);
}

const speaksForItself = (sender: Actor, groupApId: string) => sender.type === 'Group' && sender.apId === groupApId;

/** A todo a remote group says it has, in one of its own lists. */
async function announcedTodo(ctx: FedContext, group: Actor, todo: TodoData): Promise<boolean> {
  const { queries, todos } = ctx.data.services;
  const list = await queries.todos.listByApId(todo.todoList);
  // Not here yet (processed before its list): the inbox queue tries again later.
  if (!list) throw new Error(`todo ${todo.id}: its list is not known here yet, tried again later`);
  if (list.groupId !== group.id) {
    ctx.data.logger.debug('todo of another group’s list', { apId: todo.id });
    return true;
  }
  const input = await todoInput(ctx, todo);
  const creatorId = (await queries.actors.byApId(todo.creator))?.id ?? null;
  return takenOrRefused(ctx, 'group todo', todo.id, () => todos.todoForGroupAnnounce({ ...input, creatorId }));
}

/** The domain's input; the assignee is taken only when known here (else the todo is unassigned). */
async function todoInput(ctx: FedContext, todo: TodoData) {
  const assignee = todo.assignedTo ? await ctx.data.services.queries.actors.byApId(todo.assignedTo) : undefined;
  return {
    apId: todo.id,
    todoListApId: todo.todoList,
    title: todo.title,
    status: todo.done,
    dueDate: todo.dueDate,
    assignedToId: assignee?.id ?? null
  };
}
