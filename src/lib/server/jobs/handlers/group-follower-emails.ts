import type { Config } from '../../config/index.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { groupEventPublishedMail } from '../../emails/templates/group-event-published.ts';
import { formatEventTime } from '../../emails/templates/participation-layout.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';
import { jobIdFor, type Jobs } from '../queue.ts';

const FOLLOWER_JOB = 'group-follower-mail.new-event';

/**
 * A group's new public event, mailed to each local follower who asked for news of its events
 * (`notify`, and the `event_created` mail switch), in their language. One job per follower, with an
 * id derived from (event, follow): a retry never mails anyone twice. Each job re-reads the event
 * and the follow, so a follower who left or an event made private or deleted meanwhile gets nothing.
 */
export function registerGroupFollowerEmails(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer; jobs: Jobs }
): void {
  const { config, services, mailer, jobs } = deps;

  jobs.define<{ eventId: number; groupId: number; followId: number }>({
    name: FOLLOWER_JOB,
    retryLimit: 10,
    handle: async ({ eventId, groupId, followId }) => {
      const [event, group, recipients] = await Promise.all([
        services.queries.events.byId(eventId),
        services.queries.groups.byId(groupId),
        services.queries.groupFollows.notifiedFollowers(groupId, followId)
      ]);
      const to = recipients[0];
      if (!event || !group || !to || event.draft || event.visibility !== 'public') return;
      if (event.attributedToId !== group.id) return;
      const locale = mailLocale(to.locale);
      const mail = groupEventPublishedMail(
        {
          locale,
          instanceName: config.instanceName,
          title: event.title,
          when: formatEventTime(locale, event.beginsOn, event.timezone ?? 'UTC'),
          place: null,
          eventUrl: `${config.publicUrl}/events/${event.uuid}`,
          cancelUrl: null
        },
        group.name?.trim() || group.preferredUsername
      );
      await mailer.send({ to: to.email, ...mail });
    }
  });

  bus.subscribe('GroupEventPublished', 'mail', async ({ payload }) => {
    const recipients = await services.queries.groupFollows.notifiedFollowers(payload.groupId);
    for (const { followId } of recipients) {
      await jobs.send(
        FOLLOWER_JOB,
        { eventId: payload.eventId, groupId: payload.groupId, followId },
        { id: jobIdFor(`group-event:${payload.eventId}:${followId}`) }
      );
    }
  });
}
