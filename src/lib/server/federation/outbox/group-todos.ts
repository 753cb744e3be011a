import type { Actor } from '../../db/schema/actors.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import type { Json } from '../converters/json.ts';
import { groupCollectionUrlsOf } from '../group-document.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { todoDocuments, todoListDocument } from '../todo-document.ts';
import { contentParties, publishToMembers } from './group-content.ts';

/**
 * A group's todo lists and todos leave as Mobilizon's Create and Update of TodoList and Todo, to
 * the group's members only (publishGroupContent). One ordering key per group's todos, so that a
 * list reaches each inbox before its todos. There is no deletion of either (nor in Mobilizon's API).
 */
export function registerTodoOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services } = fed;
  const { queries } = services;

  const partiesOf = (groupId: number, byActorId: number | null) => contentParties(fed, groupId, byActorId);

  async function publish(group: Actor, actor: Actor | null, type: string, id: string, object: Json) {
    const orderingKey = groupCollectionUrlsOf(group).todos;
    await publishToMembers(fed, { group, actor, type, id, object, orderingKey });
  }

  async function publishList(todoListId: number, byActorId: number | null, type: 'Create' | 'Update', id: string) {
    const list = await queries.todos.listById(todoListId);
    const parties = list && (await partiesOf(list.groupId, byActorId));
    if (!list || !parties) return;
    const activityId = type === 'Create' ? `${list.apId}/activity` : `${list.apId}/update/${id}`;
    await publish(parties.group, parties.actor, type, activityId, todoListDocument(parties.group, list));
  }

  async function publishTodo(todoId: number, byActorId: number | null, type: 'Create' | 'Update', id: string) {
    const todo = await queries.todos.todoById(todoId);
    const list = todo && (await queries.todos.listById(todo.todoListId));
    const parties = list && (await partiesOf(list.groupId, byActorId));
    if (!todo || !list || !parties) return;
    const [document] = await todoDocuments(services, parties.group, [list], [todo]);
    const activityId = type === 'Create' ? `${todo.apId}/activity` : `${todo.apId}/update/${id}`;
    await publish(parties.group, parties.actor, type, activityId, document!);
  }

  bus.subscribe('TodoListCreated', 'federate', ({ id, payload }) =>
    publishList(payload.todoListId, payload.byActorId, 'Create', String(id))
  );
  bus.subscribe('TodoListUpdated', 'federate', ({ id, payload }) =>
    publishList(payload.todoListId, payload.byActorId, 'Update', String(id))
  );
  bus.subscribe('TodoCreated', 'federate', ({ id, payload }) =>
    publishTodo(payload.todoId, payload.byActorId, 'Create', String(id))
  );
  bus.subscribe('TodoUpdated', 'federate', ({ id, payload }) =>
    publishTodo(payload.todoId, payload.byActorId, 'Update', String(id))
  );
}
