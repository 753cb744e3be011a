import type { Flag } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { flagFromAp } from '../converters/flag.ts';
import { storeRemoteActor } from '../remote-actors.ts';

/**
 * Another server reports an actor to our moderators. The signature was verified for the Flag's
 * actor (often that server's instance actor), which stands as the reporter; the domain decides what
 * is reported among the objects. A Flag about nobody we know is dropped.
 */
export async function onFlag(ctx: FedInboxContext, activity: Flag): Promise<void> {
  const { services, logger } = ctx.data;
  const flag = flagFromAp(activity);
  if (!flag || flag.objects.length === 0) return logger.debug('flag without id, actor or object');
  // A report's id is the sender's own: another server's id could pre-empt a Flag it never sent.
  if (new URL(flag.id).origin !== new URL(flag.actor).origin)
    return logger.debug('flag whose id is not on its actor’s server', { flag: flag.id });
  let reporter = await services.queries.actors.byApId(flag.actor);
  if (reporter?.domain === null) return logger.debug('flag claiming a local actor', { flag: flag.id });
  if (!reporter) {
    const remote = await activity.getActor(ctx);
    if (!remote?.id || remote.id.href !== flag.actor) return logger.debug('flag by an actor that cannot be fetched');
    reporter = (await storeRemoteActor(ctx, remote)) ?? undefined;
    if (!reporter) return logger.debug('flag by an actor that cannot be stored');
  }
  const received = await services.reports.receive({
    apId: flag.id,
    reporterId: reporter.id,
    objectUrls: flag.objects,
    content: flag.content
  });
  if (!received) return logger.debug('flag about no actor known here', { flag: flag.id });
  if (received.created) logger.info('report received', { flag: flag.id, report: received.report.id });
  else logger.debug('flag received again', { flag: flag.id });
}
