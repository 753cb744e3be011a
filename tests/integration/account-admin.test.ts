import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

describe('account administration', () => {
  it('disabling an account refuses its sign-ins and ends its sessions; enabling restores sign-in', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    const session = await clientAs(t.app, email, password);
    await t.app.services.accountAdmin.modify(email, { disabled: true });

    const login = await gql(
      t.app,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: password }
    );
    expect(login.errors?.[0]?.code).toBe('unauthenticated');
    const refresh = await gql(t.app, 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', {
      t: session.refreshToken
    });
    expect(refresh.errors?.[0]?.code).toBe('unauthenticated');
    // Even a still-valid access token is refused for a disabled account.
    expect((await session.query('{ loggedUser { id } }')).status).toBe(401);

    await t.app.services.accountAdmin.modify(email, { disabled: false });
    const again = await gql(
      t.app,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: password }
    );
    expect(again.errors).toBeUndefined();
  });

  it('changes roles and confirms accounts', async () => {
    const email = 'pending@example.org';
    await t.app.services.accounts.createUser({ email, password: 'a long enough password' });
    const confirmed = await t.app.services.accountAdmin.modify(email, { role: 'administrator', confirmed: true });
    expect(confirmed.role).toBe('administrator');
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);
    const login = await gql<{ login: { user: { role: string } } }>(
      t.app,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { role } } }',
      { e: email, p: 'a long enough password' }
    );
    expect(login.data?.login.user.role).toBe('ADMINISTRATOR');
  });

  it('deletes an account for good, its profile becoming a tombstone', async () => {
    const { email, profile } = await createUserWithProfile(t.app);
    await t.app.services.accountAdmin.delete(email);
    await expect(t.app.services.accountAdmin.findByEmail(email)).rejects.toMatchObject({ code: 'not_found' });
    expect(await t.app.services.queries.actors.localByUsername(profile.preferredUsername)).toBeUndefined();
  });

  it('reports unknown accounts', async () => {
    await expect(t.app.services.accountAdmin.findByEmail('ghost@example.org')).rejects.toMatchObject({
      code: 'not_found'
    });
  });
});
