import { htmlToPlainText } from '../../core/plain-text.ts';
import type { Config } from '../../config/index.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { eventAnnouncementMail } from '../../emails/templates/event-announcement.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';
import { jobIdFor, type Jobs } from '../queue.ts';

const ANNOUNCEMENT_JOB = 'announcement-mail.recipient';

/**
 * An organizer's announcement, mailed to every participant of the chosen roles, each in their own
 * language; anonymous participants at the address they gave. One job per recipient, with an id
 * derived from (announcement, participation), so a retry never mails anyone twice.
 */
export function registerEventAnnouncements(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer; jobs: Jobs }
): void {
  const { config, services, mailer, jobs } = deps;

  jobs.define<{ commentId: number; participantId: number }>({
    name: ANNOUNCEMENT_JOB,
    retryLimit: 10,
    handle: async ({ commentId, participantId }) => {
      const [found, target] = await Promise.all([
        services.queries.conversations.announcement(commentId),
        services.queries.participations.mailTarget(participantId)
      ]);
      if (!found || !target?.to || target.event.id !== found.event.id) return;
      const html = found.comment.text ?? '';
      const mail = eventAnnouncementMail(mailLocale(target.locale), config.instanceName, {
        eventTitle: found.event.title,
        eventUrl: `${config.publicUrl}/events/${found.event.uuid}`,
        senderName: found.sender?.name?.trim() || found.sender?.preferredUsername || config.instanceName,
        html,
        text: htmlToPlainText(html)
      });
      await mailer.send({ to: target.to, ...mail });
    }
  });

  bus.subscribe('EventAnnouncementSent', 'mail', async ({ payload }) => {
    const found = await services.queries.conversations.announcement(payload.commentId);
    if (!found) return;
    const recipients = await services.queries.conversations.announcementRecipients(
      found.event.id,
      payload.roles as ParticipantRole[]
    );
    for (const { participantId } of recipients) {
      await jobs.send(
        ANNOUNCEMENT_JOB,
        { commentId: payload.commentId, participantId },
        { id: jobIdFor(`announcement:${payload.commentId}:${participantId}`) }
      );
    }
  });
}
