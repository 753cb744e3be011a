import type { Leave } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { joinFromAp } from '../converters/participation.ts';
import { localGroupNamed, receiveGroupLeave } from './group-join.ts';
import { receivedJson } from './raw.ts';

/** A profile of another server leaves one of our events or groups (its signature says who). */
export async function onLeave(ctx: FedInboxContext, leave: Leave): Promise<void> {
  const { services, logger } = ctx.data;
  const received = await receivedJson(leave);
  const data = received ? joinFromAp(received.json) : null;
  if (!received || !data) return logger.debug('leave without id, actor or object');
  const group = await localGroupNamed(ctx, data.event);
  if (group) return receiveGroupLeave(ctx, received.actorApId, group);
  const [event, actor] = await Promise.all([
    services.queries.events.byApId(data.event),
    services.queries.actors.byApId(received.actorApId)
  ]);
  if (!event?.local || !actor) return logger.debug('leave of nothing we know', { object: data.event });
  const gone = await services.participation.remote.receiveLeave({ event, actor });
  logger.debug('remote leave', { id: data.id, left: Boolean(gone) });
}
