import type { Invite } from '@fedify/vocab';
import { isDomainError } from '../../core/errors.ts';
import type { FedInboxContext } from '../context.ts';
import { sameOrigin } from '../converters/json.ts';
import { inviteFromAp } from '../converters/member.ts';
import { resolveActor } from '../remote-actors.ts';
import { receivedJson } from './raw.ts';

/**
 * A remote group invites one of our profiles (Mobilizon's `Invite`: `actor` invites `target` into
 * the group `object`; its id is the membership's on the group's server). The invitation waits
 * among the profile's invitations; accepting or declining it answers the group.
 */
export async function onInvite(ctx: FedInboxContext, invite: Invite): Promise<void> {
  const { services, logger } = ctx.data;
  const received = await receivedJson(invite);
  const data = received ? inviteFromAp(received.json) : null;
  if (!received || !data) return logger.debug('invite without id, actor, group or invitee');
  // The group's server names the membership and speaks for the group.
  if (!sameOrigin(data.id, data.group) || !sameOrigin(received.actorApId, data.group))
    return logger.debug('invite from outside the group’s server', { id: data.id });
  const invitee = await services.queries.actors.byApId(data.invitee);
  if (!invitee || invitee.domain !== null) return logger.debug('invite of a profile not from here', data);
  try {
    const group = await resolveActor(ctx, data.group);
    if (group.type !== 'Group') return logger.debug('invite into something that is not a group', data);
    const sender = await resolveActor(ctx, received.actorApId);
    const member = await services.members.remote.receiveInvite(
      { remoteActorId: sender.id },
      { groupId: group.id, inviteeId: invitee.id, apId: data.id }
    );
    logger.debug('remote group invite', { id: data.id, role: member?.role });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('remote group invite refused', { id: data.id, reason: error.message });
  }
}
