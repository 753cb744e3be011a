import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';
import { ACCESS_COOKIE, gqlAs, REFRESH_COOKIE, startSession } from './session.ts';

const ME = graphql<{ loggedUser: { id: string } | null }>('query { loggedUser { id } }');

interface FakeApi {
  /** Access tokens the API accepts, with the user they belong to. */
  valid: Map<string, string>;
  /** Refresh tokens it accepts, with the tokens they are traded for. */
  refresh: Map<string, { accessToken: string; refreshToken: string }>;
  calls: { query: string; token: string | null; variables: Record<string, unknown> }[];
}

function fakeApi(api: FakeApi): typeof fetch {
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const header = new Headers(init?.headers).get('authorization');
    const token = header ? header.replace('Bearer ', '') : null;
    api.calls.push({ query: body.query, token, variables: body.variables });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (token && !api.valid.has(token)) return Response.json({ message: 'invalid_token' }, { status: 401 });
    if (body.query.includes('refreshToken(')) {
      const tokens = api.refresh.get(String(body.variables.refreshToken));
      if (!tokens)
        return Response.json({
          data: null,
          errors: [{ message: 'Invalid refresh token', code: 'unauthenticated', status_code: 401 }]
        });
      api.refresh.delete(String(body.variables.refreshToken)); // rotation: one use only
      return Response.json({ data: { refreshToken: tokens } });
    }
    if (!token)
      return Response.json({
        data: { loggedUser: null },
        errors: [{ message: 'You need to be logged in', code: 'unauthenticated', status_code: 401 }]
      });
    return Response.json({ data: { loggedUser: { id: api.valid.get(token) } } });
  }) as typeof fetch;
}

function fakeEvent(api: FakeApi, cookies: Record<string, string>) {
  const jar = new Map(Object.entries(cookies));
  const set: Record<string, { value: string; options: unknown }> = {};
  const cookieApi = {
    get: (name: string) => jar.get(name),
    set: (name: string, value: string, options: unknown) => {
      jar.set(name, value);
      set[name] = { value, options };
    },
    delete: (name: string, options: unknown) => {
      jar.delete(name);
      set[name] = { value: '', options };
    }
  } as unknown as Cookies;
  return {
    event: {
      cookies: cookieApi,
      fetch: fakeApi(api),
      locals: { locale: 'en' as const, accessToken: cookies[ACCESS_COOKIE] },
      url: new URL('https://events.example/events/create')
    },
    set
  };
}

const api = (): FakeApi => ({ valid: new Map(), refresh: new Map(), calls: [] });

describe('gqlAs', () => {
  it('sends the access token', async () => {
    const a = api();
    a.valid.set('good', '1');
    const { event } = fakeEvent(a, { [ACCESS_COOKIE]: 'good', [REFRESH_COOKIE]: 'r1' });
    expect(await gqlAs(event, ME, {})).toEqual({ loggedUser: { id: '1' } });
    expect(a.calls.map((c) => c.token)).toEqual(['good']);
  });

  it('refreshes once when the token is refused, stores both new cookies and retries', async () => {
    const a = api();
    a.valid.set('new-access', '1');
    a.refresh.set('r1', { accessToken: 'new-access', refreshToken: 'r2' });
    const { event, set } = fakeEvent(a, { [ACCESS_COOKIE]: 'expired', [REFRESH_COOKIE]: 'r1' });
    expect(await gqlAs(event, ME, {})).toEqual({ loggedUser: { id: '1' } });
    expect(set[ACCESS_COOKIE]).toMatchObject({
      value: 'new-access',
      options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/' }
    });
    expect(set[REFRESH_COOKIE]?.value).toBe('r2');
    expect(event.locals.accessToken).toBe('new-access');
    expect(a.calls.map((c) => c.token)).toEqual(['expired', null, 'new-access']);
  });

  it('shares one refresh between loads running side by side (a reused refresh token would be revoked)', async () => {
    const a = api();
    a.valid.set('fresh', '1');
    a.refresh.set('shared', { accessToken: 'fresh', refreshToken: 'next' });
    const { event } = fakeEvent(a, { [ACCESS_COOKIE]: 'expired', [REFRESH_COOKIE]: 'shared' });
    const results = await Promise.all([gqlAs(event, ME, {}), gqlAs(event, ME, {})]);
    expect(results).toEqual([{ loggedUser: { id: '1' } }, { loggedUser: { id: '1' } }]);
    expect(a.calls.filter((c) => c.query.includes('refreshToken(')).length).toBe(1);
  });

  it('clears the cookies and runs anonymously when the refresh fails', async () => {
    const a = api();
    const { event, set } = fakeEvent(a, { [ACCESS_COOKIE]: 'expired', [REFRESH_COOKIE]: 'revoked' });
    await expect(gqlAs(event, ME, {})).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(set[ACCESS_COOKIE]?.value).toBe('');
    expect(set[REFRESH_COOKIE]?.value).toBe('');
    expect(event.locals.accessToken).toBeUndefined();
    expect(a.calls.at(-1)?.token).toBeNull();
  });

  it('refreshes first when only the refresh cookie is left', async () => {
    const a = api();
    a.valid.set('a2', '9');
    a.refresh.set('only-refresh', { accessToken: 'a2', refreshToken: 'r3' });
    const { event } = fakeEvent(a, { [REFRESH_COOKIE]: 'only-refresh' });
    expect(await gqlAs(event, ME, {})).toEqual({ loggedUser: { id: '9' } });
  });
});

describe('startSession', () => {
  it('does not mark cookies Secure over plain http', () => {
    const { event, set } = fakeEvent(api(), {});
    startSession({ ...event, url: new URL('http://localhost:4000/login') }, { accessToken: 'a', refreshToken: 'r' });
    expect(set[ACCESS_COOKIE]?.options).toMatchObject({ secure: false, httpOnly: true, sameSite: 'lax', path: '/' });
  });
});
