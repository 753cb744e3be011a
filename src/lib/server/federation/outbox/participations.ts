import type { Actor } from '../../db/schema/actors.ts';
import type { Event } from '../../db/schema/events.ts';
import type { Participant } from '../../db/schema/participants.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { jobIdFor, type Jobs } from '../../jobs/queue.ts';
import { joinAnswerToAp, joinToAp, leaveToAp, type JoinData } from '../converters/participation.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { publishEventUpdate } from './events.ts';

const COUNT_JOB = 'federation.participant-count';
const lastSegment = (url: string) => encodeURIComponent(url.split('/').filter(Boolean).pop() ?? 'join');

/**
 * Participations between servers. Our profiles' requests to join (and leave) another server's
 * event go to its organizer as Join and Leave; the answers to other servers' profiles leave as
 * Accept (a seat taken, at once or after approval) and Reject (refused, with the reason), signed
 * by the event's organizer. One ordering key per participation; and the event's new participant
 * count reaches its audience as one Update per window, however many joined meanwhile.
 */
export function registerParticipationOutbox(bus: DomainEventBus, fed: FederationModuleContext, jobs: Jobs): void {
  const { services, sender, config } = fed;
  const { queries } = services;

  async function parties(participantId: number) {
    const participant = await queries.participations.byId(participantId);
    if (!participant) return undefined;
    const [event, actor] = await Promise.all([
      queries.events.byId(participant.eventId),
      queries.actors.byId(participant.actorId)
    ]);
    return event && actor ? { participant, event, actor } : undefined;
  }

  async function ownersOf(event: Event): Promise<Actor[]> {
    const ids = [event.organizerActorId, event.attributedToId].filter((id): id is number => id !== null);
    const found = await Promise.all(ids.map((id) => queries.actors.byId(id)));
    return found.filter((a): a is Actor => a !== undefined && !a.suspended);
  }

  const joinOf = (participant: Pick<Participant, 'apId' | 'metadata'>, actor: Actor, event: Event, to: string[]) =>
    ({
      id: participant.apId,
      actor: actor.apId,
      event: event.apId,
      message: participant.metadata.message ?? null,
      to
    }) satisfies JoinData;

  /** Our profile asks another server's event to take it. */
  async function sendJoin(participant: Participant, actor: Actor, event: Event) {
    const owners = (await ownersOf(event)).filter((a) => a.domain !== null);
    if (owners.length === 0) return;
    await sender.send({
      json: joinToAp(
        joinOf(
          participant,
          actor,
          event,
          owners.map((a) => a.apId)
        )
      ),
      signer: actor,
      recipients: owners,
      orderingKey: participant.apId
    });
  }

  /** The organizer of our event answers another server's profile. */
  async function sendAnswer(
    type: 'Accept' | 'Reject',
    answerId: string,
    join: { participant: Pick<Participant, 'apId' | 'metadata'>; actor: Actor; event: Event },
    reason?: string
  ) {
    const organizer = await queries.actors.byId(join.event.organizerActorId);
    if (!organizer || organizer.domain !== null || organizer.deletedAt || join.actor.domain === null) return;
    const data = joinOf(join.participant, join.actor, join.event, [organizer.apId]);
    await sender.send({
      json: joinAnswerToAp({ type, id: answerId, actor: organizer.apId, join: data, reason }),
      signer: organizer,
      recipients: [join.actor],
      orderingKey: join.participant.apId
    });
  }

  const answerId = (type: 'accept' | 'reject', participantApId: string, occurrence: number) =>
    `${config.publicUrl}/${type}/join/${lastSegment(participantApId)}/${occurrence}`;

  /** The event's count changed: one Update leaves at the end of the window this change falls in. */
  async function countChanged(eventId: number) {
    const windowMs = config.delivery.participantCountSeconds * 1000;
    const windowEnd = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
    await jobs.send(
      COUNT_JOB,
      { eventId, window: windowEnd },
      {
        id: jobIdFor(`participant-count:${eventId}:${windowEnd}`),
        startAfter: new Date(windowEnd)
      }
    );
  }

  jobs.define<{ eventId: number; window: number }>({
    name: COUNT_JOB,
    retryLimit: 5,
    retryDelay: 30,
    handle: async ({ eventId, window }) => {
      const event = await queries.events.byId(eventId);
      if (!event?.local || event.draft || event.visibility === 'private') return;
      await publishEventUpdate(fed, event, `${event.apId}/participants/${window}`);
    }
  });

  bus.subscribe('ParticipantJoined', 'federate', async ({ id, payload }) => {
    const found = await parties(payload.participantId);
    if (!found) return;
    const { participant, event, actor } = found;
    if (actor.domain === null && !event.local && participant.role === 'not_approved') {
      return sendJoin(participant, actor, event);
    }
    if (!event.local) return;
    if (actor.domain !== null && participant.role === 'participant') {
      await sendAnswer('Accept', answerId('accept', participant.apId, id), found);
    }
    if (participant.role === 'participant') await countChanged(event.id);
  });

  bus.subscribe('ParticipantRoleChanged', 'federate', async ({ id, payload }) => {
    const found = await parties(payload.participantId);
    if (!found?.event.local) return;
    const { participant, event, actor } = found;
    if (actor.domain !== null && payload.to === 'participant') {
      await sendAnswer('Accept', answerId('accept', participant.apId, id), found);
    } else if (actor.domain !== null && payload.to === 'rejected') {
      await sendAnswer('Reject', answerId('reject', participant.apId, id), found);
    }
    if (payload.from === 'participant' || payload.to === 'participant') await countChanged(event.id);
  });

  bus.subscribe('ParticipantLeft', 'federate', async ({ id, payload }) => {
    const [event, actor] = await Promise.all([
      queries.events.byId(payload.eventId),
      queries.actors.byId(payload.actorId)
    ]);
    if (!event || !actor) return;
    if (event.local) return countChanged(event.id);
    if (actor.domain !== null || actor.deletedAt) return;
    const owners = (await ownersOf(event)).filter((a) => a.domain !== null);
    if (owners.length === 0) return;
    await sender.send({
      json: leaveToAp({
        id: `${config.publicUrl}/leave/event/${lastSegment(payload.participantApId)}/${id}`,
        actor: actor.apId,
        event: event.apId,
        to: owners.map((a) => a.apId)
      }),
      signer: actor,
      recipients: owners,
      orderingKey: payload.participantApId
    });
  });

  bus.subscribe('RemoteJoinRepeated', 'federate', async ({ id, payload }) => {
    const found = await parties(payload.participantId);
    if (!found?.event.local || found.actor.domain === null) return;
    const { participant } = found;
    if (participant.role === 'participant') await sendAnswer('Accept', answerId('accept', participant.apId, id), found);
    if (participant.role === 'rejected') await sendAnswer('Reject', answerId('reject', participant.apId, id), found);
  });

  bus.subscribe('RemoteJoinRefused', 'federate', async ({ id, payload }) => {
    const [event, actor] = await Promise.all([
      queries.events.byId(payload.eventId),
      queries.actors.byId(payload.actorId)
    ]);
    if (!event?.local || !actor) return;
    const refused = { participant: { apId: payload.joinApId, metadata: {} }, actor, event };
    await sendAnswer('Reject', answerId('reject', payload.joinApId, id), refused, payload.reason);
  });
}
