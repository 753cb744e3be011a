import type { Add } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { trustedObjectOf } from '../objects.ts';
import { receiveMemberContent } from './member-content.ts';
import { receivedJson } from './raw.ts';

/** Mobilizon adds a group resource with `Add` as well as `Create`: the same path (member-content.ts). */
export async function onAdd(ctx: FedInboxContext, add: Add): Promise<void> {
  const received = await receivedJson(add);
  if (!received) return ctx.data.logger.debug('add whose actor is not the signer');
  const object = await trustedObjectOf(ctx, received.json, received.actorApId);
  if (!object) return ctx.data.logger.debug('add of an object that cannot be trusted or fetched');
  if (!(await receiveMemberContent(ctx, 'Add', received.actorApId, received.json, object))) {
    ctx.data.logger.debug('add of an unsupported object', { id: object.id });
  }
}
