import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const op = (name: string) => mobilizonOperation(name).source;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's session and moderation documents", () => {
  it('Login, RefreshToken and Logout: a logged-out refresh token no longer works', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    const login = await gql<{ login: { accessToken: string; refreshToken: string } }>(t.app, op('Login'), {
      email,
      password
    });
    expect(login.errors).toBeUndefined();
    const { accessToken, refreshToken } = login.data!.login;

    const refreshed = await gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      t.app,
      op('RefreshToken'),
      { refreshToken }
    );
    expect(refreshed.errors).toBeUndefined();
    const current = refreshed.data!.refreshToken.refreshToken;

    const logout = await gql<{ logout: string }>(
      t.app,
      op('Logout'),
      { refreshToken: current },
      { token: accessToken }
    );
    expect(logout.errors).toBeUndefined();
    expect(logout.data?.logout).toBeTruthy();
    const after = await gql(t.app, op('RefreshToken'), { refreshToken: current });
    expect(after.errors?.[0]?.code).toBe('unauthenticated');
  });

  it('SuspendUser: an administrator removes an account; a user cannot', async () => {
    const admin = await createUserWithProfile(t.app);
    await t.app.services.accountAdmin.modify(admin.email, { role: 'administrator' });
    const target = await createUserWithProfile(t.app);
    const bystander = await createUserWithProfile(t.app);

    const asUser = await clientAs(t.app, bystander.email, bystander.password);
    const refused = await asUser.query(op('SuspendUser'), { userId: String(target.user.id) });
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    expect((await gql(t.app, op('Login'), { email: target.email, password: target.password })).errors).toBeUndefined();

    const asAdmin = await clientAs(t.app, admin.email, admin.password);
    const done = await asAdmin.query<{ deleteAccount: { id: string } }>(op('SuspendUser'), {
      userId: String(target.user.id)
    });
    expect(done.errors).toBeUndefined();
    expect(done.data?.deleteAccount.id).toBe(String(target.user.id));
    expect((await gql(t.app, op('Login'), { email: target.email, password: target.password })).errors?.[0]?.code).toBe(
      'unauthenticated'
    );
  });
});
