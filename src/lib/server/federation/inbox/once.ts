import { createHash } from 'node:crypto';
import { Leave, Move, Update, type Activity } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';

type Listener<T extends Activity> = (ctx: FedInboxContext, activity: T) => Promise<void>;

/**
 * Applies each inbound activity once, whenever it comes again (a retry, a replay days later). The
 * id is written after the handler succeeded: a handler that failed is retried, and one that ran
 * but whose id was not written yet runs again — handlers are idempotent in the database too.
 */
export function once<T extends Activity>(listener: Listener<T>): Listener<T> {
  return async (ctx, activity) => {
    const id = await idempotencyKey(activity);
    if (!id) return listener(ctx, activity);
    const { pool } = ctx.data;
    const seen = await pool.query('select 1 from inbound_activities where ap_id = $1', [id]);
    if (seen.rowCount) return ctx.data.logger.debug('activity already applied', { id });
    await listener(ctx, activity);
    await pool.query(
      `insert into inbound_activities (ap_id, type, actor_ap_id) values ($1, $2, $3) on conflict (ap_id) do nothing`,
      [id, activity.constructor.name, activity.actorId?.href ?? null]
    );
  };
}

/**
 * The activity's id; for an Update or a Move, the id with a digest of its content, because some
 * servers (Mobilizon among them) give every Update (`…/activity`) or Move (`…/move`) of an object
 * the same id; for a Leave, the id marked as one, because Mobilizon gives a Leave the id of the
 * Join it ends.
 */
async function idempotencyKey(activity: Activity): Promise<string | undefined> {
  const id = activity.id?.href;
  if (id && activity instanceof Leave) return `${id}#leave`;
  if (!id || !(activity instanceof Update || activity instanceof Move)) return id;
  const digest = createHash('sha256')
    .update(JSON.stringify(await activity.toJsonLd()))
    .digest('base64url');
  return `${id}#${digest}`;
}
