import type { Config } from '../../config/index.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { eventReminderMail } from '../../emails/templates/event-reminder.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';
import { jobIdFor, type Jobs } from '../queue.ts';
import { mailContextFor } from './participation-mail-context.ts';

export const REMINDER_JOB = 'participation.reminder';
const REMINDER_LEAD_MS = 60 * 60 * 1000;
const GOING: readonly ParticipantRole[] = ['participant', 'moderator', 'administrator', 'creator'];

interface ReminderJob {
  participantId: number;
  /** The start the reminder was planned for; a reminder for an older start does nothing. */
  beginsOn: string;
}

/**
 * A mail one hour before the event, to those who take part and want it (the notificationBeforeEvent
 * setting; always for anonymous participants). Planned when a participation starts to count and
 * again when the event moves; one job per participation and start, and the job re-reads everything.
 */
export function registerEventReminders(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer; jobs: Jobs; now?: () => Date }
): void {
  const { config, services, mailer, jobs } = deps;
  const now = deps.now ?? (() => new Date());

  jobs.define<ReminderJob>({
    name: REMINDER_JOB,
    retryLimit: 5,
    handle: async ({ participantId, beginsOn }) => {
      const found = await services.queries.participations.mailTarget(participantId);
      if (!found?.to || !found.wantsReminder || !GOING.includes(found.participant.role)) return;
      const { event } = found;
      if (event.draft || event.status === 'cancelled' || event.beginsOn.toISOString() !== beginsOn) return;
      await mailer.send({ to: found.to, ...eventReminderMail(mailContextFor(config, found)) });
    }
  });

  const plan = async (participantId: number, begins: Date) => {
    const sendAt = new Date(begins.getTime() - REMINDER_LEAD_MS);
    if (sendAt.getTime() <= now().getTime()) return;
    const beginsOn = begins.toISOString();
    await jobs.send(REMINDER_JOB, { participantId, beginsOn } satisfies ReminderJob, {
      startAfter: sendAt,
      id: jobIdFor(`reminder:${participantId}:${beginsOn}`)
    });
  };

  const planOne = async (participantId: number) => {
    const found = await services.queries.participations.mailTarget(participantId);
    if (found?.to && GOING.includes(found.participant.role) && !found.event.draft) {
      await plan(participantId, found.event.beginsOn);
    }
  };

  const planEvent = async (eventId: number) => {
    for (const t of await services.queries.participations.mailTargetsOfEvent(eventId, GOING)) {
      if (t.to && !t.event.draft && t.event.status !== 'cancelled') await plan(t.participant.id, t.event.beginsOn);
    }
  };

  bus.subscribe('ParticipantJoined', 'reminder', ({ payload }) => planOne(payload.participantId));
  bus.subscribe('ParticipantRoleChanged', 'reminder', async ({ payload }) => {
    if (payload.to === 'participant') await planOne(payload.participantId);
  });
  bus.subscribe('EventCreated', 'reminder', ({ payload }) => planEvent(payload.eventId));
  bus.subscribe('EventUpdated', 'reminder', async ({ payload }) => {
    if (payload.timeChanged || payload.published) await planEvent(payload.eventId);
  });
}
