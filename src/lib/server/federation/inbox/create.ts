import type { Create } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { typeOf } from '../converters/json.ts';
import { trustedObjectOf } from '../objects.ts';
import { receiveMemberContent } from './member-content.ts';
import { receivedJson } from './raw.ts';
import { receiveComment } from './receive-comment.ts';
import { receiveEvent } from './receive-event.ts';

/** Something was published: an event, or a comment (a Note answering one of our events or comments). */
export async function onCreate(ctx: FedInboxContext, create: Create): Promise<void> {
  const received = await receivedJson(create);
  if (!received) return ctx.data.logger.debug('create whose actor is not the signer');
  const object = await trustedObjectOf(ctx, received.json, received.actorApId);
  if (!object) return ctx.data.logger.debug('create of an object that cannot be trusted or fetched');
  if (await receiveMemberContent(ctx, 'Create', received.actorApId, received.json, object)) return;
  switch (typeOf(object)) {
    case 'Event':
      await receiveEvent(ctx, object, received.actorApId);
      return;
    case 'Note':
      await receiveComment(ctx, object, received.actorApId);
      return;
    default:
      ctx.data.logger.debug('create of an unsupported object', { type: typeOf(object) });
  }
}
