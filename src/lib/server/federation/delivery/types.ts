import type { Actor } from '../../db/schema/actors.ts';

/** An activity as it goes on the wire: its own `@context`, `id` and `type`. */
export type ActivityJson = Record<string, unknown> & { id: string; type: string };

export interface OutgoingActivity {
  json: ActivityJson;
  /** The local actor (a profile or the instance actor) whose key signs every delivery. */
  signer: Actor;
  /** Remote actors to deliver to; their shared inbox is used when they have one. */
  recipients: readonly Actor[];
  /** Deliveries with the same key reach each inbox in the order they were queued: an object's id. */
  orderingKey?: string;
  /** Addressed to the public: listed in the signer's outbox collection. */
  public?: boolean;
}

/** What outbox code uses to send; deliveries happen later, from the queue, with retries. */
export interface ActivitySender {
  /** Queues one delivery per distinct inbox; sending the same activity id again adds only new inboxes. */
  send(activity: OutgoingActivity): Promise<{ inboxes: number }>;
}
