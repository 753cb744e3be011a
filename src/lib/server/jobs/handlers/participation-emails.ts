import type { Config } from '../../config/index.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { eventChangedMail, type EventChange } from '../../emails/templates/event-changed.ts';
import { participationConfirmationMail } from '../../emails/templates/participation-confirmation.ts';
import { participationStatusMail, type ParticipationStatusKind } from '../../emails/templates/participation-status.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';
import { jobIdFor, type Jobs } from '../queue.ts';
import { mailContextFor } from './participation-mail-context.ts';

/** Who hears about a change of their event: everyone taking part or asking to, but its creator. */
const TOLD_OF_CHANGES: readonly ParticipantRole[] = ['participant', 'not_approved', 'moderator', 'administrator'];
const EVENT_CHANGE_JOB = 'participation-mail.event-change';

/** A participation changed since (approved, say) gets the mail of its change instead. */
const unchangedSinceJoining = (p: { createdAt: Date; updatedAt: Date }) =>
  p.updatedAt.getTime() === p.createdAt.getTime();

/** Which mail a role change is worth, if any. */
function statusKind(from: string, to: string): ParticipationStatusKind | null {
  if (to === 'rejected') return 'rejected';
  if (to !== 'participant') return null;
  return from === 'not_confirmed' ? 'confirmed' : 'approved';
}

/**
 * Participation mails, in the recipient's language and time zone: the anonymous confirmation link,
 * confirmed / approved / declined, and the event's changes and cancellation (one job per recipient).
 * Each handler re-reads the participation, so a mail for a state that no longer holds is not sent.
 */
export function registerParticipationEmails(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer; jobs: Jobs }
): void {
  const { config, services, mailer, jobs } = deps;
  const target = (participantId: number) => services.queries.participations.mailTarget(participantId);

  bus.subscribe('ParticipantJoined', 'participation-mail', async ({ payload }) => {
    const found = await target(payload.participantId);
    if (!found?.to) return;
    const ctx = mailContextFor(config, found);
    if (found.participant.role === 'not_confirmed' && found.anonymous) {
      const token = await services.participation.anonymous.issueConfirmationToken(found.participant.id);
      if (!token) return;
      const url = `${config.publicUrl}/participation/email/confirm/${token}`;
      await mailer.send({ to: found.to, ...participationConfirmationMail(ctx, url) });
    } else if (found.participant.role === 'participant' && unchangedSinceJoining(found.participant)) {
      await mailer.send({ to: found.to, ...participationStatusMail(ctx, 'confirmed') });
    }
  });

  bus.subscribe('ParticipantRoleChanged', 'participation-mail', async ({ payload }) => {
    const kind = statusKind(payload.from, payload.to);
    if (!kind) return;
    const found = await target(payload.participantId);
    if (!found?.to || found.participant.role !== payload.to) return;
    await mailer.send({ to: found.to, ...participationStatusMail(mailContextFor(config, found), kind) });
  });

  jobs.define<{ participantId: number; change: EventChange }>({
    name: EVENT_CHANGE_JOB,
    retryLimit: 10,
    handle: async ({ participantId, change }) => {
      const found = await target(participantId);
      if (!found?.to || !TOLD_OF_CHANGES.includes(found.participant.role) || found.event.draft) return;
      if (!found.anonymous && !found.wantsEventUpdates) return;
      await mailer.send({ to: found.to, ...eventChangedMail(mailContextFor(config, found), change) });
    }
  });

  bus.subscribe('EventUpdated', 'participation-mail', async ({ id, payload }) => {
    const change = {
      cancelled: payload.cancelled,
      timeChanged: payload.timeChanged,
      placeChanged: payload.placeChanged
    };
    if (!change.cancelled && !change.timeChanged && !change.placeChanged) return;
    const targets = await services.queries.participations.mailTargetsOfEvent(payload.eventId, TOLD_OF_CHANGES);
    for (const t of targets) {
      if (!t.to || t.event.draft) continue;
      await jobs.send(
        EVENT_CHANGE_JOB,
        { participantId: t.participant.id, change },
        {
          id: jobIdFor(`event-change:${id}:${t.participant.id}`)
        }
      );
    }
  });
}
