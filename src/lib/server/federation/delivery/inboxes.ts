import type { Actor } from '../../db/schema/actors.ts';

/** Where a remote actor receives: its server's shared inbox when it has one, so one POST serves many. */
export const inboxOf = (actor: Actor): string | null => actor.sharedInboxUrl ?? actor.inboxUrl;

/** The distinct inboxes of the remote, not suspended recipients, outside blocked hosts. */
export function inboxesFor(recipients: readonly Actor[], blockedHosts: ReadonlySet<string>): string[] {
  const inboxes = new Set<string>();
  for (const actor of recipients) {
    if (actor.domain === null || actor.suspended || actor.deletedAt) continue;
    if (blockedHosts.has(actor.domain)) continue;
    const inbox = inboxOf(actor);
    if (!inbox) continue;
    let host: string;
    try {
      host = new URL(inbox).host;
    } catch {
      continue;
    }
    if (blockedHosts.has(host)) continue;
    inboxes.add(inbox);
  }
  return [...inboxes];
}
