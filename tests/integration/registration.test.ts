import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { gql } from '../helpers/graphql.ts';
import { capturedMails, linkToken, mailTo as mailToDir } from '../helpers/mail.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const op = (name: string) => mobilizonOperation(name).source;
const CREATE_USER =
  'mutation($email: String!, $password: String!, $locale: String) { createUser(email: $email, password: $password, locale: $locale) { id email confirmationSentAt } }';
const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }';
const PASSWORD = 'a long enough password';

let open: TestApp;
beforeAll(async () => {
  open = await createTestApp({ listen: false, env: { REGISTRATIONS: 'open', INSTANCE_NAME: 'Neighbours' } });
});
afterAll(async () => open?.stop());

const mailTo = (app: TestApp, to: string, count = 1) => mailToDir(app.dataDir, to, count);

describe.skipIf(!hasMobilizonCorpus())("registration with Mobilizon's client documents", () => {
  it('registers, confirms from the email, creates the first profile and signs in', async () => {
    const email = 'rose@example.org';
    const created = await gql<{ createUser: { email: string; confirmationSentAt: string } }>(
      open.app,
      op('CreateUser'),
      { email, password: PASSWORD, locale: 'fr' }
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createUser.email).toBe(email);
    expect(created.data?.createUser.confirmationSentAt).toBeTruthy();

    const before = await gql(open.app, LOGIN, { email, password: PASSWORD });
    expect(before.errors?.[0]?.message).toBe('User account not confirmed');

    const mail = await mailTo(open, email);
    expect(mail.subject).toContain('Confirmez votre compte sur Neighbours');
    const token = linkToken(mail, '/validate');

    const validated = await gql<{
      validateUser: { accessToken: string; user: { email: string; defaultActor: unknown } };
    }>(open.app, op('ValidateUser'), { token });
    expect(validated.errors).toBeUndefined();
    expect(validated.data?.validateUser.user).toEqual({ id: expect.any(String), email, defaultActor: null });
    const again = await gql(open.app, op('ValidateUser'), { token });
    expect(again.errors?.[0]).toMatchObject({ code: 'validation', field: 'token' });

    const profile = await gql<{ registerPerson: { preferredUsername: string } }>(open.app, op('RegisterPerson'), {
      preferredUsername: 'rose',
      name: 'Rose',
      summary: '',
      email
    });
    expect(profile.errors).toBeUndefined();
    expect(profile.data?.registerPerson.preferredUsername).toBe('rose');
    const second = await gql(open.app, op('RegisterPerson'), {
      preferredUsername: 'rose_two',
      name: 'Rose',
      summary: '',
      email
    });
    expect(second.errors?.[0]).toMatchObject({ code: 'unauthorized', field: 'email' });

    const login = await gql<{ login: { accessToken: string } }>(open.app, LOGIN, { email, password: PASSWORD });
    expect(login.data?.login.accessToken).toBeTruthy();
  });

  it('resets a forgotten password from the email, closing older sessions', async () => {
    const email = 'leo@example.org';
    await open.app.services.accounts.createUser({ email, password: PASSWORD, confirmed: true });
    const oldSession = await gql<{ login: { refreshToken: string } }>(open.app, LOGIN, { email, password: PASSWORD });

    const sent = await gql<{ sendResetPassword: string }>(open.app, op('SendResetPassword'), { email });
    expect(sent.data?.sendResetPassword).toBe(email);
    const token = linkToken(await mailTo(open, email), '/password-reset');

    const tooShort = await gql(open.app, op('ResetPassword'), { token, password: 'short' });
    expect(tooShort.errors?.[0]).toMatchObject({ code: 'validation' });
    const reset = await gql<{ resetPassword: { accessToken: string; user: { id: string } } }>(
      open.app,
      op('ResetPassword'),
      { token, password: 'a brand new password' }
    );
    expect(reset.errors).toBeUndefined();
    expect(reset.data?.resetPassword.accessToken).toBeTruthy();

    expect((await gql(open.app, LOGIN, { email, password: PASSWORD })).errors?.[0]?.code).toBe('unauthenticated');
    expect((await gql(open.app, LOGIN, { email, password: 'a brand new password' })).errors).toBeUndefined();
    const stale = await gql(open.app, op('RefreshToken'), { refreshToken: oldSession.data!.login.refreshToken });
    expect(stale.errors?.[0]?.code).toBe('unauthenticated');
    const reused = await gql(open.app, op('ResetPassword'), { token, password: 'yet another password' });
    expect(reused.errors?.[0]).toMatchObject({ field: 'token' });
  });

  it('answers resend and reset the same for known and unknown addresses, mailing only the known', async () => {
    const email = 'mia@example.org';
    await gql(open.app, CREATE_USER, { email, password: PASSWORD });
    await mailTo(open, email, 1);
    const known = await gql(open.app, op('ResendConfirmationEmail'), { email });
    const unknown = await gql(open.app, op('ResendConfirmationEmail'), { email: 'nobody@example.org' });
    expect(known.status).toBe(unknown.status);
    expect(Object.keys(known.raw as object)).toEqual(Object.keys(unknown.raw as object));
    await mailTo(open, email, 2);
    const resetUnknown = await gql(open.app, op('SendResetPassword'), { email: 'nobody@example.org' });
    expect(resetUnknown.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await capturedMails(open.dataDir)).filter((m) => m.to === 'nobody@example.org')).toEqual([]);
  });
});

describe('registration modes', () => {
  it('refuses duplicate emails and weak passwords, creating nothing', async () => {
    await gql(open.app, CREATE_USER, { email: 'dup@example.org', password: PASSWORD });
    const dup = await gql(open.app, CREATE_USER, { email: 'DUP@example.org', password: PASSWORD });
    expect(dup.errors?.[0]).toMatchObject({ field: 'email', status_code: 409 });
    const weak = await gql(open.app, CREATE_USER, { email: 'weak@example.org', password: 'short' });
    expect(weak.errors?.[0]).toMatchObject({ code: 'validation', field: 'password' });
    const login = await gql(open.app, LOGIN, { email: 'weak@example.org', password: 'short' });
    expect(login.errors?.[0]?.code).toBe('unauthenticated');
  });

  it('refuses everyone when closed, and admits only listed emails and domains on an allowlist', async () => {
    const closed = await createTestApp({ listen: false, workers: false, env: { REGISTRATIONS: 'closed' } });
    const allowlist = await createTestApp({
      listen: false,
      workers: false,
      env: { REGISTRATIONS: 'allowlist', REGISTRATION_ALLOWLIST: 'friends.org, ann@example.org' }
    });
    try {
      const refused = await gql(closed.app, CREATE_USER, { email: 'a@example.org', password: PASSWORD });
      expect(refused.errors?.[0]).toMatchObject({
        code: 'unauthorized',
        status_code: 403,
        message: 'Registrations are not open'
      });
      const config = await gql<{ config: { registrationsOpen: boolean; registrationsAllowlist: boolean } }>(
        allowlist.app,
        '{ config { registrationsOpen registrationsAllowlist } }'
      );
      expect(config.data?.config).toEqual({ registrationsOpen: true, registrationsAllowlist: true });
      for (const email of ['ann@example.org', 'bo@friends.org']) {
        expect((await gql(allowlist.app, CREATE_USER, { email, password: PASSWORD })).errors).toBeUndefined();
      }
      const outsider = await gql(allowlist.app, CREATE_USER, { email: 'eve@example.org', password: PASSWORD });
      expect(outsider.errors?.[0]).toMatchObject({ code: 'unauthorized', field: 'email' });
      expect(await allowlist.app.services.queries.actors.countLocalUsers()).toBe(2);
    } finally {
      await Promise.all([closed.stop(), allowlist.stop()]);
    }
  });
});
