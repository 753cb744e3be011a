import { htmlToPlainText } from '../../calendar/plain-text.ts';
import type { Config } from '../../config/index.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { eventAnnouncementMail } from '../../emails/templates/event-announcement.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';

/**
 * An organizer's announcement, mailed to every participant of the chosen roles, each in their own
 * language; anonymous participants at the address they gave.
 */
export function registerEventAnnouncements(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer }
): void {
  const { config, services, mailer } = deps;
  bus.subscribe('EventAnnouncementSent', 'mail', async ({ payload }) => {
    const found = await services.queries.conversations.announcement(
      payload.commentId,
      payload.roles as ParticipantRole[]
    );
    if (!found) return;
    const html = found.comment.text ?? '';
    const input = {
      eventTitle: found.event.title,
      eventUrl: `${config.publicUrl}/events/${found.event.uuid}`,
      senderName: found.sender?.name?.trim() || found.sender?.preferredUsername || config.instanceName,
      html,
      text: htmlToPlainText(html)
    };
    for (const recipient of found.recipients) {
      const mail = eventAnnouncementMail(mailLocale(recipient.locale), config.instanceName, input);
      await mailer.send({ to: recipient.email, ...mail });
    }
  });
}
