import { isDomainError } from '../../core/errors.ts';
import type { FedContext } from '../context.ts';
import { commentFromAp } from '../converters/comment.ts';
import { sameOrigin, type Json } from '../converters/json.ts';
import { fetchObject } from '../objects.ts';
import { resolveActor } from '../remote-actors.ts';

/**
 * A Note someone sent (in a Create or an Update) or that we fetched: a comment under one of our
 * events or in one of their threads (a Mastodon reply to an event is one too), stored through the
 * comments service, which decides. A Note answering nothing we know is dropped; one answering a
 * comment we lack has that comment fetched from its server first, once (not its own parents), and
 * joins the event that comment answered when the comment itself cannot be taken. Returns whether
 * it was taken.
 */
export async function receiveComment(ctx: FedContext, object: Json, senderApId: string): Promise<boolean> {
  return receive(ctx, object, senderApId, true);
}

async function receive(ctx: FedContext, object: Json, senderApId: string, fetchParent: boolean): Promise<boolean> {
  const { services, logger } = ctx.data;
  const data = commentFromAp(object);
  if (!data) {
    logger.debug('not a comment we can show', { id: object.id });
    return false;
  }
  // Its author speaks for it (the policy checks it again): no other actor is fetched on its word.
  if (data.authorApId !== senderApId) return drop(ctx, data.apId, 'a note by someone other than its sender');
  let attachTo: string | null = null;
  // A comment already here is changed in place: what it answers is settled.
  if (!(await services.queries.comments.byApId(data.apId))) {
    const answered = data.inReplyToApId;
    if (!answered) return drop(ctx, data.apId, 'a note answering nothing');
    if (!(await services.queries.comments.replyTarget(answered))) {
      if (!fetchParent) return drop(ctx, data.apId, 'a note answering a note we lack');
      const parentAnswered = await takeParent(ctx, answered);
      if (parentAnswered === undefined) return drop(ctx, data.apId, 'a note answering nothing known here');
      attachTo = parentAnswered;
    }
  }
  try {
    const author = await resolveActor(ctx, data.authorApId);
    const result = await services.comments.receiveRemote(data, { sender: author, author }, { attachTo });
    logger.debug('remote comment', { id: data.apId, outcome: result.outcome });
    return result.outcome !== 'gone';
  } catch (error) {
    if (isDomainError(error)) {
      logger.debug('remote comment refused', { id: data.apId, reason: error.message });
      return false;
    }
    throw error;
  }
}

/**
 * The comment a note answers, fetched from its own server and taken if it can be. Null when it is
 * here now (the note joins its thread); else what that comment answered, when it is here; else
 * undefined (nothing known).
 */
async function takeParent(ctx: FedContext, parentApId: string): Promise<string | null | undefined> {
  const { services } = ctx.data;
  // Ours are all here already: nothing to fetch from ourselves.
  if (sameOrigin(parentApId, services.config.publicUrl)) return undefined;
  const parent = await fetchObject(ctx, parentApId);
  const parentData = parent ? commentFromAp(parent) : null;
  if (!parent || !parentData?.inReplyToApId) return undefined;
  // The fetched comment speaks for its own server only.
  if (sameOrigin(parentData.apId, parentData.authorApId)) {
    await receive(ctx, parent, parentData.authorApId, false);
    if (await services.queries.comments.replyTarget(parentApId)) return null;
  }
  return (await services.queries.comments.replyTarget(parentData.inReplyToApId)) ? parentData.inReplyToApId : undefined;
}

function drop(ctx: FedContext, id: string, why: string): false {
  ctx.data.logger.debug(`remote comment dropped: ${why}`, { id });
  return false;
}
