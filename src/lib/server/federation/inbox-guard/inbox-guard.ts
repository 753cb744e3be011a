import type { Config } from '../../config/index.ts';
import type { Logger } from '../../core/logger.ts';
import { checkInboxLimit } from '../../domain/ratelimit/index.ts';
import type { Services } from '../../services.ts';
import { BodyTooLargeError, readCapped } from '../capped-read.ts';
import { isActivityMediaType, mediaTypeOf } from '../media-type.ts';
import { actorIdsOf, judgeAuthorship } from './authorship.ts';
import { readSignatureHeaders } from './signatures.ts';

/** Largest activity accepted, as for the documents we fetch. */
export const MAX_INBOX_BODY_BYTES = 1024 * 1024;

const INBOX_PATH = /^\/(?:inbox|@[a-z0-9_]+\/inbox|relay\/inbox)$/i;
/** Mobilizon's relay actor has its own inbox path; ours is the shared inbox. */
const RELAY_INBOX = '/relay/inbox';

export interface InboxGuardDeps {
  config: Pick<Config, 'publicUrl' | 'inboxRateLimitPerMinute'>;
  services: Pick<Services, 'queries' | 'rateLimiter'>;
  logger: Logger;
}

/** A refusal to answer at once, or the request to hand to Fedify (its body read, at most the cap). */
export type GuardOutcome = { response: Response } | { request: Request };

const refuse = (status: number, message: string, headers: Record<string, string> = {}): GuardOutcome => ({
  response: new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }
  })
});

const hostOf = (id: string) => {
  try {
    return new URL(id).host;
  } catch {
    return undefined;
  }
};

/**
 * Runs before Fedify on every POST to an inbox: the cheap refusals first (encoding, type, size),
 * then one look-up of the hosts involved (blocked instance, per-host rate), then the authorship
 * rules Fedify leaves open (see authorship.ts and signatures.ts). Fedify then verifies the
 * signature and queues the activity. Returns undefined for anything that is not an inbox POST.
 */
export function createInboxGuard(deps: InboxGuardDeps) {
  const { config, services, logger } = deps;

  return async function guardInbox(request: Request): Promise<GuardOutcome | undefined> {
    if (request.method !== 'POST') return undefined;
    const url = new URL(request.url);
    if (!INBOX_PATH.test(url.pathname)) return undefined;
    let bodyRead = false;
    const refused = (status: number, message: string, headers: Record<string, string> = {}) => {
      logger.debug('inbox request refused', { path: url.pathname, status, reason: message });
      // Left unread, the rest of the body would poison the connection for the sender's next request.
      return refuse(status, message, bodyRead ? headers : { ...headers, connection: 'close' });
    };

    const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') return refused(415, 'Content-Encoding is not supported');
    const type = mediaTypeOf(request.headers.get('content-type'));
    if (!isActivityMediaType(type) && type !== 'application/json')
      return refused(415, 'Content-Type must be application/activity+json or application/ld+json');
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (!Number.isFinite(declared) || declared > MAX_INBOX_BODY_BYTES)
      return refused(413, `Activities are limited to ${MAX_INBOX_BODY_BYTES} bytes`);
    // A redirect, not a rewrite: a draft-cavage signature covers the path it was made for, so
    // Fedify could not verify it under /inbox. Senders re-sign for the new location (Fedify does).
    if (url.pathname.toLowerCase() === RELAY_INBOX)
      return {
        response: new Response(null, {
          status: 308,
          headers: { location: `${config.publicUrl}/inbox`, connection: 'close' }
        })
      };

    let body: Uint8Array<ArrayBuffer>;
    try {
      body = request.body ? await readCapped(request.body, MAX_INBOX_BODY_BYTES) : new Uint8Array();
      bodyRead = true;
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return refused(413, `Activities are limited to ${MAX_INBOX_BODY_BYTES} bytes`);
      throw error;
    }
    let activity: unknown;
    try {
      activity = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return refused(400, 'The body is not JSON');
    }
    if (typeof activity !== 'object' || activity === null || Array.isArray(activity))
      return refused(400, 'The body is not an activity');
    const json = activity as Record<string, unknown>;

    const signatures = readSignatureHeaders(request.headers, request.method);
    const keyHosts = signatures.keyIds.map((key) => key.host);
    const actorHosts = actorIdsOf(json)
      .map(hostOf)
      .filter((h): h is string => h !== undefined);
    const rateHost = keyHosts[0] ?? actorHosts[0] ?? 'unsigned';
    const [blocked, limit] = await Promise.all([
      services.queries.instances.blockedAmong([...keyHosts, ...actorHosts]),
      checkInboxLimit(services.rateLimiter, rateHost, config.inboxRateLimitPerMinute)
    ]);
    if (blocked.length > 0) return refused(403, 'This server does not federate with yours');
    if (!limit.allowed)
      return refused(429, 'Too many deliveries from your server', { 'retry-after': String(limit.retryAfterSeconds) });

    if (signatures.unboundBody) return refused(401, 'An RFC 9421 signature must cover content-digest');
    const headers = new Headers(request.headers);
    const authorship = judgeAuthorship(json, signatures.keyIds);
    if (authorship.verdict === 'refuse') return refused(401, authorship.reason);
    if (authorship.verdict === 'drop-http-signature') {
      headers.delete('signature');
      headers.delete('signature-input');
    }
    return { request: new Request(request.url, { method: 'POST', headers, body }) };
  };
}
