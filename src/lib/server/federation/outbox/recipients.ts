import type { Recipient } from '@fedify/vocab';
import type { Actor } from '../../db/schema/actors.ts';

/** A stored remote actor as Fedify's delivery target. */
export const recipientOf = (actor: Actor): Recipient => ({
  id: new URL(actor.apId),
  inboxId: new URL(actor.inboxUrl ?? actor.apId),
  endpoints: actor.sharedInboxUrl ? { sharedInbox: new URL(actor.sharedInboxUrl) } : null
});
