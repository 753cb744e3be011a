import type { Actor } from '../../db/schema/actors.ts';

/** Where a remote actor receives: its server's shared inbox when it has one, so one POST serves many. */
export const inboxOf = (actor: Actor): string | null => actor.sharedInboxUrl ?? actor.inboxUrl;

/**
 * The distinct inboxes of the remote, not suspended recipients, outside blocked hosts. Inboxes are
 * compared in their normal form (`HTTPS://A.example:443/inbox` is `https://a.example/inbox`), and
 * only http(s) ones are kept.
 */
export function inboxesFor(recipients: readonly Actor[], blockedHosts: ReadonlySet<string>): string[] {
  const inboxes = new Set<string>();
  for (const actor of recipients) {
    if (actor.domain === null || actor.suspended || actor.deletedAt) continue;
    if (blockedHosts.has(actor.domain.toLowerCase())) continue;
    const inbox = inboxOf(actor);
    if (!inbox) continue;
    let url: URL;
    try {
      url = new URL(inbox);
    } catch {
      continue;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || blockedHosts.has(url.host)) continue;
    url.hash = '';
    inboxes.add(url.href);
  }
  return [...inboxes];
}
