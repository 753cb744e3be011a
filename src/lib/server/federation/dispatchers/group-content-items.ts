import type { Actor } from '../../db/schema/actors.ts';
import type { GroupContentCollection } from '../../domain/groups/index.ts';
import type { Services } from '../../services.ts';
import { resourceDocuments } from '../resource-document.ts';
import { todoListDocument } from '../todo-document.ts';

/**
 * The items of a page of a group's content collection, as Mobilizon serves them: resources and
 * todo lists embedded (Document/ResourceCollection, TodoList), in the page's order; the other
 * collections as object ids until their converters are wired here.
 */
export async function groupContentItems(
  services: Services,
  group: Actor,
  collection: GroupContentCollection,
  apIds: string[]
): Promise<unknown[]> {
  const { queries } = services;
  if (collection === 'resources') {
    const rows = inOrder(apIds, await queries.resources.byApIds(apIds));
    return resourceDocuments(services, group, rows);
  }
  if (collection === 'todos') {
    return inOrder(apIds, await queries.todos.listsByApIds(apIds)).map((list) => todoListDocument(group, list));
  }
  return apIds;
}

function inOrder<T extends { apId: string }>(apIds: readonly string[], rows: readonly T[]): T[] {
  const byApId = new Map(rows.map((row) => [row.apId, row]));
  return apIds.flatMap((apId) => byApId.get(apId) ?? []);
}
