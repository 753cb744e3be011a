import type { RequestEvent } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { REFRESH_TOKEN, type Tokens } from './accounts.ts';
import { gql, GraphQLRequestError, type Document } from './client.ts';

export const ACCESS_COOKIE = 'convene_access';
export const REFRESH_COOKIE = 'convene_refresh';
/** As long as the refresh token lives: an expired access token is refreshed, not lost. */
const SESSION_SECONDS = 30 * 24 * 3600;

type SessionEvent = Pick<RequestEvent, 'cookies' | 'fetch' | 'locals' | 'url'>;

export const sessionHandle: Handle = ({ event, resolve }) => {
  event.locals.accessToken = event.cookies.get(ACCESS_COOKIE) || undefined;
  return resolve(event);
};

const cookieOptions = (url: URL) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: url.protocol === 'https:'
});

export function startSession(event: SessionEvent, tokens: Tokens): void {
  const options = { ...cookieOptions(event.url), maxAge: SESSION_SECONDS };
  event.cookies.set(ACCESS_COOKIE, tokens.accessToken, options);
  event.cookies.set(REFRESH_COOKIE, tokens.refreshToken, options);
  event.locals.accessToken = tokens.accessToken;
}

export function endSession(event: SessionEvent): void {
  const options = cookieOptions(event.url);
  event.cookies.delete(ACCESS_COOKIE, options);
  event.cookies.delete(REFRESH_COOKIE, options);
  event.locals.accessToken = undefined;
}

/**
 * Refresh tokens rotate, and the API treats a reused one as stolen (it revokes the session). The
 * layout's and the page's loads run side by side, and a browser may send a few requests at once, so
 * everyone holding the same refresh token shares one refresh. The result is remembered only briefly:
 * for that window, a copy of the old refresh token gets the new tokens instead of tripping the
 * API's reuse detection.
 */
const refreshes = new Map<string, Promise<Tokens | null>>();
const REFRESH_MEMORY_MS = 5_000;

function refreshOnce(fetch: typeof globalThis.fetch, refreshToken: string): Promise<Tokens | null> {
  let pending = refreshes.get(refreshToken);
  if (!pending) {
    pending = gql(fetch, REFRESH_TOKEN, { refreshToken }).then(
      (data) => data.refreshToken,
      (error: unknown) => {
        if (error instanceof GraphQLRequestError && error.unauthenticated) return null;
        refreshes.delete(refreshToken); // a transient failure: the next request may try again
        throw error;
      }
    );
    refreshes.set(refreshToken, pending);
    setTimeout(() => refreshes.delete(refreshToken), REFRESH_MEMORY_MS).unref?.();
  }
  return pending;
}

/** Trades the refresh cookie for new tokens; ends the session when the API refuses it. */
export async function refreshSession(event: SessionEvent): Promise<string | undefined> {
  const refreshToken = event.cookies.get(REFRESH_COOKIE);
  if (!refreshToken) {
    endSession(event);
    return undefined;
  }
  const tokens = await refreshOnce(event.fetch, refreshToken);
  if (!tokens) {
    endSession(event);
    return undefined;
  }
  startSession(event, tokens);
  return tokens.accessToken;
}

/**
 * Runs a document as the signed-in visitor. When the API refuses the access token (HTTP 401) the
 * session is refreshed once; if that fails too, the cookies are cleared and the document runs
 * anonymously, so public pages still answer and private ones report `unauthenticated`.
 */
export async function gqlAs<TData, TVariables extends Record<string, unknown>>(
  event: SessionEvent,
  document: Document<TData, TVariables>,
  variables: TVariables
): Promise<TData> {
  let token = event.locals.accessToken;
  if (!token && event.cookies.get(REFRESH_COOKIE)) token = await refreshSession(event);
  if (!token) return gql(event.fetch, document, variables);
  try {
    return await gql(event.fetch, document, variables, { token });
  } catch (error) {
    if (!(error instanceof GraphQLRequestError && error.tokenRejected)) throw error;
  }
  // Another load of this request may have refreshed meanwhile.
  const current = event.locals.accessToken;
  const fresh = current && current !== token ? current : await refreshSession(event);
  return gql(event.fetch, document, variables, { token: fresh });
}

/** True when the visitor holds session cookies (they may still turn out to be expired). */
export const hasSession = (event: SessionEvent) =>
  Boolean(event.locals.accessToken || event.cookies.get(REFRESH_COOKIE));
