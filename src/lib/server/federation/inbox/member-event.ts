import { isDomainError } from '../../core/errors.ts';
import type { FedContext } from '../context.ts';
import { eventFromAp } from '../converters/event.ts';
import type { MemberContent } from './member-content.ts';

/**
 * A remote actor's Update of one of our groups' events (activitypub.md §8: allowed to a moderator
 * of the group on another server). The domain checks the sender's role in the event's group and
 * applies the change as a local moderator's; the event's outbox then tells everyone. Other verbs
 * fall through (Create and Delete of events keep their own paths).
 */
export async function receiveMemberEvent(ctx: FedContext, content: MemberContent): Promise<boolean> {
  if (content.verb !== 'Update' || !content.object) return false;
  const { services, logger } = ctx.data;
  const data = eventFromAp(content.object);
  const event = data && (await services.queries.events.byApId(data.apId));
  if (!data || !event?.local) return false;
  try {
    await services.events.changeFromGroupModerator(content.sender.id, data);
    logger.debug('group event changed by a remote moderator', { id: data.apId, by: content.sender.apId });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('group event change refused', { id: data.apId, by: content.sender.apId, reason: error.message });
  }
  return true;
}
