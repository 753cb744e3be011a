import { and, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { domainEvents } from '../../db/schema/platform.ts';
import type { DomainEventType } from '../../core/domain-events.ts';
import type { Jobs } from '../queue.ts';

/** Events whose payload is an address someone typed (maybe nobody's account): kept a week at most. */
const CARRY_TYPED_ADDRESSES: DomainEventType[] = [
  'ConfirmationResendRequested',
  'PasswordResetRequested',
  'EmailChangeRequested'
];
export const TYPED_ADDRESS_RETENTION_DAYS = 7;

export async function sweepTypedAddresses(db: Database, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - TYPED_ADDRESS_RETENTION_DAYS * 24 * 3600 * 1000);
  const removed = await db
    .delete(domainEvents)
    .where(and(inArray(domainEvents.type, CARRY_TYPED_ADDRESSES), lt(domainEvents.occurredAt, before)))
    .returning({ id: domainEvents.id });
  return removed.length;
}

export function registerDomainEventRetention(jobs: Jobs, db: Database): void {
  jobs.define({
    name: 'domain-events.retention',
    cron: '41 3 * * *',
    retryLimit: 1,
    handle: () => sweepTypedAddresses(db).then(() => {})
  });
}
