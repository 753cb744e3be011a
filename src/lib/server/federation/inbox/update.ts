import type { Update } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { asArray, idOf, isObject, typeOf } from '../converters/json.ts';
import { memberFromAp } from '../converters/member.ts';
import { proposedChangeOf, trustedObjectOf } from '../objects.ts';
import { resolveActor } from '../remote-actors.ts';
import { receiveMemberContent } from './member-content.ts';
import { receivedJson } from './raw.ts';
import { applyGroupDecision } from './remove.ts';
import { receiveComment } from './receive-comment.ts';
import { receiveEvent } from './receive-event.ts';

const ACTOR_TYPES = new Set(['Person', 'Group', 'Application', 'Service', 'Organization']);

/**
 * Something changed. An event or a comment is taken like a Create (an Update may arrive before its
 * Create; an older version never replaces a newer one). An actor may only update itself: we fetch it again.
 * Another server's actor changing one of our objects proposes it to the member-content handlers
 * (a remote moderator of one of our groups); nobody else takes it.
 */
export async function onUpdate(ctx: FedInboxContext, update: Update): Promise<void> {
  const received = await receivedJson(update);
  if (!received) return ctx.data.logger.debug('update whose actor is not the signer');
  const objectId = idOf(received.json.object);
  if (objectId === received.actorApId) {
    await resolveActor(ctx, received.actorApId, { refresh: true });
    return;
  }
  // A Member's new role is the group's decision: its server's word, not a document to fetch.
  const embedded = asArray(received.json.object)[0];
  const member = isObject(embedded) ? memberFromAp(embedded) : null;
  if (member) {
    const decision = { kind: 'role' as const, role: member.role };
    return applyGroupDecision(ctx, received.actorApId, member.group, { id: member.id, member }, decision);
  }
  const proposed = proposedChangeOf(ctx, received.json, received.actorApId);
  if (proposed) {
    if (await receiveMemberContent(ctx, 'Update', received.actorApId, received.json, proposed)) return;
    return ctx.data.logger.debug('update of one of our objects by another server refused', { id: proposed.id });
  }
  const object = await trustedObjectOf(ctx, received.json, received.actorApId);
  if (!object) return ctx.data.logger.debug('update of an object that cannot be trusted or fetched');
  if (await receiveMemberContent(ctx, 'Update', received.actorApId, received.json, object)) return;
  const type = typeOf(object);
  if (type === 'Event') {
    await receiveEvent(ctx, object, received.actorApId);
    return;
  }
  if (type === 'Note') {
    await receiveComment(ctx, object, received.actorApId);
    return;
  }
  if (type && ACTOR_TYPES.has(type)) return ctx.data.logger.debug('update of another actor refused');
  ctx.data.logger.debug('update of an unsupported object', { type });
}
