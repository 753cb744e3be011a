import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';
import type { Jobs } from '../queue.ts';

/** Participant exports: rendered by a job when asked for; expired files and rows removed daily. */
export function registerParticipantExports(bus: DomainEventBus, jobs: Jobs, services: Services): void {
  bus.subscribe(
    'ParticipantExportRequested',
    'render',
    ({ payload }) => services.participantExports.produce(payload.exportId),
    3
  );
  jobs.define({
    name: 'participant-exports.sweep',
    cron: '23 4 * * *',
    retryLimit: 1,
    handle: () => services.participantExports.sweepExpired().then(() => {})
  });
}
