import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false, env: { REGISTRATIONS: 'open' } });
});
afterAll(async () => t?.stop());

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';

async function post(address: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = (await t.app.handle(
    new Request(`${t.baseUrl}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables })
    }),
    address
  ))!;
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { errors?: { code: string; status_code: number; message: string }[] }
  };
}

describe('rate limits', () => {
  it('allow 10 sign-in attempts a minute per address, then answer 429 with Retry-After', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    for (let i = 0; i < 10; i++) {
      const attempt = await post('203.0.113.1', LOGIN, { email: `nobody${i}@example.org`, password: 'wrong password' });
      expect(attempt.status).toBe(200);
    }
    const limited = await post('203.0.113.1', LOGIN, { email, password });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    expect(limited.body.errors?.[0]).toMatchObject({ code: 'rate_limited', status_code: 429 });
    // Another address is not affected.
    const elsewhere = await post('203.0.113.2', LOGIN, { email, password });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.errors).toBeUndefined();
  });

  it('count sign-ins hidden in fragments or repeated under aliases', async () => {
    const hidden = `mutation($email: String!, $password: String!) {
      ... on RootMutationType { a: login(email: $email, password: $password) { accessToken } }
      ...More
    }
    fragment More on RootMutationType { b: login(email: $email, password: $password) { accessToken } }`;
    for (let i = 0; i < 5; i++) {
      const attempt = await post('203.0.113.9', hidden, {
        email: `hidden${i}@example.org`,
        password: 'wrong password'
      });
      expect(attempt.status).toBe(200);
    }
    // Two sign-ins per request: the sixth request goes over the 10 a minute.
    const limited = await post('203.0.113.9', hidden, { email: 'hidden-last@example.org', password: 'wrong password' });
    expect(limited.status).toBe(429);
  });

  it('allow 5 attempts a minute per email, whatever the address, and answer known and unknown emails alike', async () => {
    const { email } = await createUserWithProfile(t.app);
    for (let i = 0; i < 5; i++) {
      expect((await post(`198.51.100.${i}`, LOGIN, { email, password: 'wrong password' })).status).toBe(200);
    }
    const known = await post('198.51.100.50', LOGIN, { email, password: 'wrong password' });
    for (let i = 0; i < 5; i++)
      await post(`198.51.100.${60 + i}`, LOGIN, { email: 'ghost@example.org', password: 'x' });
    const unknown = await post('198.51.100.70', LOGIN, { email: 'ghost@example.org', password: 'x' });
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(unknown.body).toEqual(known.body);
  });

  it('limit registrations and account mails per email', async () => {
    const CREATE =
      'mutation($email: String!) { createUser(email: $email, password: "a long enough password") { email } }';
    const RESEND = 'mutation($email: String!) { resendConfirmationEmail(email: $email) }';
    expect((await post('192.0.2.1', CREATE, { email: 'limit@example.org' })).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await post(`192.0.2.${10 + i}`, RESEND, { email: 'limit@example.org' })).status).toBe(200);
    expect((await post('192.0.2.20', RESEND, { email: 'limit@example.org' })).status).toBe(429);
    for (let i = 0; i < 5; i++) await post('192.0.2.30', CREATE, { email: `many${i}@example.org` });
    expect((await post('192.0.2.30', CREATE, { email: 'many9@example.org' })).status).toBe(429);
  });

  it('leave other operations alone', async () => {
    for (let i = 0; i < 30; i++) expect((await post('192.0.2.99', '{ config { name } }', {})).status).toBe(200);
  });

  describe('account changes that check a password', () => {
    const CHANGE_PASSWORD =
      'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { id } }';
    const CHANGE_EMAIL = 'mutation($e: String!, $p: String!) { changeEmail(email: $e, password: $p) { id } }';
    const DELETE_ACCOUNT = 'mutation($p: String, $u: ID) { deleteAccount(password: $p, userId: $u) { id } }';
    const signedIn = async () => {
      const account = await createUserWithProfile(t.app);
      return { ...account, client: await clientAs(t.app, account.email, account.password) };
    };

    it('allow 5 tries an hour per account, whatever the address, refused before any password check', async () => {
      for (const [query, variables, method] of [
        [CHANGE_PASSWORD, { o: 'wrong password', n: 'a brand new password' }, 'changePassword'],
        [CHANGE_EMAIL, { e: 'new@example.org', p: 'wrong password' }, 'requestEmailChange'],
        [DELETE_ACCOUNT, { p: 'wrong password' }, 'deleteAccount']
      ] as const) {
        const { client } = await signedIn();
        for (let i = 0; i < 5; i++) {
          const attempt = await post(`100.64.${i}.1`, query, variables, client.accessToken);
          expect(attempt.status).toBe(200);
          expect(attempt.body.errors?.[0]).toMatchObject({ code: 'validation' });
        }
        const spy = vi.spyOn(t.app.services.accounts, method);
        try {
          const limited = await post('100.64.9.1', query, variables, client.accessToken);
          expect(limited.status, query).toBe(429);
          expect(Number(limited.retryAfter)).toBeGreaterThan(3000);
          expect(Number(limited.retryAfter)).toBeLessThanOrEqual(3600);
          expect(limited.body.errors?.[0]).toMatchObject({ code: 'rate_limited', status_code: 429 });
          expect(spy).not.toHaveBeenCalled();
        } finally {
          spy.mockRestore();
        }
        // Another account is not affected.
        const other = await signedIn();
        expect((await post('100.64.9.2', query, variables, other.client.accessToken)).status).toBe(200);
      }
    });

    it('allow 60 profile edits or uploads an hour per account', async () => {
      const { client, profile } = await signedIn();
      const UPDATE = 'mutation($id: ID!, $n: String) { updatePerson(id: $id, name: $n) { id } }';
      for (let i = 0; i < 60; i++) {
        const edit = await post(
          `100.66.${i}.1`,
          UPDATE,
          { id: String(profile.id), n: `Name ${i}` },
          client.accessToken
        );
        expect(edit.status).toBe(200);
      }
      const limited = await post(
        '100.66.99.1',
        UPDATE,
        { id: String(profile.id), n: 'One too many' },
        client.accessToken
      );
      expect(limited.status).toBe(429);
      expect((await t.app.services.queries.actors.byId(profile.id))?.name).toBe('Name 59');
    });

    it('allow 10 tries an hour per address, whichever account', async () => {
      for (let i = 0; i < 10; i++) {
        const { client } = await signedIn();
        const attempt = await post(
          '100.65.0.1',
          CHANGE_PASSWORD,
          { o: 'wrong', n: 'a new password' },
          client.accessToken
        );
        expect(attempt.status).toBe(200);
      }
      const { client } = await signedIn();
      const limited = await post(
        '100.65.0.1',
        CHANGE_PASSWORD,
        { o: 'wrong', n: 'a new password' },
        client.accessToken
      );
      expect(limited.status).toBe(429);
      expect(limited.retryAfter).toBeTruthy();
    });

    it('leave an administrator deleting other accounts alone (no password is checked)', async () => {
      const admin = await signedIn();
      await t.app.services.accountAdmin.modify(admin.email, { role: 'administrator' });
      for (let i = 0; i < 7; i++) {
        const target = await createUserWithProfile(t.app);
        const res = await post('100.66.0.1', DELETE_ACCOUNT, { u: String(target.user.id) }, admin.client.accessToken);
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
      }
    });
  });
});
