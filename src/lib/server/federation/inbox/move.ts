import type { Move } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { proposedChangeOf, trustedObjectOf } from '../objects.ts';
import { receiveMemberContent } from './member-content.ts';
import { receivedJson } from './raw.ts';

/**
 * Mobilizon moves a group resource to another folder with `Move {origin, target}`; its handler
 * (member-content.ts) reads the `target`.
 */
export async function onMove(ctx: FedInboxContext, move: Move): Promise<void> {
  const received = await receivedJson(move);
  if (!received) return ctx.data.logger.debug('move whose actor is not the signer');
  const object =
    proposedChangeOf(ctx, received.json, received.actorApId) ??
    (await trustedObjectOf(ctx, received.json, received.actorApId));
  if (!object) return ctx.data.logger.debug('move of an object that cannot be trusted or fetched');
  if (!(await receiveMemberContent(ctx, 'Move', received.actorApId, received.json, object))) {
    ctx.data.logger.debug('move of an unsupported object', { id: object.id });
  }
}
