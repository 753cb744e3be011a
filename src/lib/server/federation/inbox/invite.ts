import type { Invite } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { inviteFromAp } from '../converters/member.ts';
import { receivedJson } from './raw.ts';

/**
 * A group invitation (Mobilizon's `Invite` of a person into a group). Groups are not hosted or
 * followed here yet: an invitation into a group we do not have is read and left, changing nothing.
 */
export async function onInvite(ctx: FedInboxContext, invite: Invite): Promise<void> {
  const { services, logger } = ctx.data;
  const received = await receivedJson(invite);
  const data = received ? inviteFromAp(received.json) : null;
  if (!data) return logger.debug('invite without id, actor, group or invitee');
  const group = await services.queries.actors.byApId(data.group);
  if (group?.type !== 'Group') return logger.debug('invite into a group unknown here', { group: data.group });
  logger.debug('invite into a group: not handled yet', { id: data.id });
}
