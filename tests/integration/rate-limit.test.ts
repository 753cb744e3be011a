import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false, env: { REGISTRATIONS: 'open' } });
});
afterAll(async () => t?.stop());

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';

async function post(address: string, query: string, variables: Record<string, unknown>) {
  const response = (await t.app.handle(
    new Request(`${t.baseUrl}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
});
