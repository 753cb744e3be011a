import type { Actor } from '../../db/schema/actors.ts';
import type { FedContext } from '../context.ts';
import { idsOf, type Json } from '../converters/json.ts';

/**
 * The local group an object belongs to, from its `attributedTo` (posts, discussions, resources,
 * todos) or its `actor` (Mobilizon's TodoList); undefined when it belongs to no group of ours.
 */
export async function localGroupOf(ctx: FedContext, object: Json): Promise<Actor | undefined> {
  const { queries } = ctx.data.services;
  for (const id of [...idsOf(object.attributedTo), ...idsOf(object.actor)]) {
    const actor = await queries.actors.byApId(id);
    if (actor?.type === 'Group' && actor.domain === null && !actor.deletedAt) return actor;
  }
  return undefined;
}
