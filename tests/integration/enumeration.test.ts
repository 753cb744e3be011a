import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

/**
 * Nothing a visitor can send tells them whether an address has an account: login, password reset
 * and confirmation resend answer known and unknown addresses with the same status and the same bytes
 * (the address itself excepted, echoed back as Mobilizon's client expects).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';
const RESET = 'mutation($email: String!) { sendResetPassword(email: $email) }';
const RESEND = 'mutation($email: String!) { resendConfirmationEmail(email: $email) }';

let address = 0;
/** The raw answer of one anonymous request, from a fresh client address (no rate limit in play). */
async function raw(query: string, variables: Record<string, string>) {
  const request = new Request(`${t.app.config.publicUrl}/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables })
  });
  address += 1;
  const response = (await t.app.handle(request, `198.51.100.${address}`)) as Response;
  const body = (await response.text()).replaceAll(variables.email ?? '\u0000', '<email>');
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
}

describe('account enumeration', () => {
  it('login: a wrong password, an unknown address and a disabled account answer alike', async () => {
    const known = await createUserWithProfile(t.app);
    const disabled = await createUserWithProfile(t.app);
    await t.app.services.accountAdmin.modify(disabled.email, { disabled: true });

    const wrongPassword = await raw(LOGIN, { email: known.email, password: 'not the password' });
    const unknown = await raw(LOGIN, { email: 'nobody-here@example.org', password: 'not the password' });
    const disabledRight = await raw(LOGIN, { email: disabled.email, password: disabled.password });
    expect(wrongPassword.status).toBe(unknown.status);
    expect(wrongPassword.body).toBe(unknown.body);
    expect(disabledRight).toEqual(unknown);
    expect(unknown.body).toContain('"errors"');
  });

  it('sendResetPassword: known, unknown and unconfirmed addresses answer alike', async () => {
    const known = await createUserWithProfile(t.app);
    const unconfirmed = 'not-yet@example.org';
    await t.app.services.accounts.createUser({ email: unconfirmed, password: 'a long enough password' });
    const answers = await Promise.all([
      raw(RESET, { email: known.email }),
      raw(RESET, { email: 'nobody-here@example.org' }),
      raw(RESET, { email: unconfirmed })
    ]);
    for (const answer of answers) expect(answer).toEqual(answers[1]);
    expect(answers[1]?.status).toBe(200);
    expect(answers[1]?.body).toBe('{"data":{"sendResetPassword":"<email>"}}');
  });

  it('resendConfirmationEmail: unconfirmed, confirmed and unknown addresses answer alike', async () => {
    const confirmed = await createUserWithProfile(t.app);
    const unconfirmed = 'waiting@example.org';
    await t.app.services.accounts.createUser({ email: unconfirmed, password: 'a long enough password' });
    const answers = await Promise.all([
      raw(RESEND, { email: unconfirmed }),
      raw(RESEND, { email: confirmed.email }),
      raw(RESEND, { email: 'nobody-here@example.org' })
    ]);
    for (const answer of answers) expect(answer).toEqual(answers[2]);
    expect(answers[2]?.status).toBe(200);
    expect(answers[2]?.body).toBe('{"data":{"resendConfirmationEmail":"<email>"}}');
  });
});
