import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.ts';
import { linkToken, mailTo } from '../helpers/mail.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * A real server at its most talkative (debug) goes through every flow that handles a secret; none
 * of the passwords or tokens may appear in what it wrote, successes and failures alike.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: 'debug', REGISTRATIONS: 'open' } });
}, 120_000);
afterAll(() => server?.stop());

const PASSWORD = 'hunter2 is not a password';
const NEW_PASSWORD = 'a brand new secret phrase';

describe('secrets in the logs', () => {
  it('never writes passwords or tokens, whatever happens', async () => {
    const email = 'quiet@example.org';
    const secrets: string[] = [PASSWORD, NEW_PASSWORD];
    const api = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
      gql<Record<string, Record<string, string>>>(server.baseUrl, query, variables, { token });

    await api('mutation($e: String!, $p: String!) { createUser(email: $e, password: $p) { id } }', {
      e: email,
      p: PASSWORD
    });
    const confirmation = linkToken(await mailTo(server.dataDir, email), '/validate');
    secrets.push(confirmation);
    await api('mutation($t: String!) { validateUser(token: $t) { accessToken } }', {
      t: 'wrong-token-0123456789abcdef'
    });
    const validated = await api('mutation($t: String!) { validateUser(token: $t) { accessToken refreshToken } }', {
      t: confirmation
    });
    secrets.push(validated.data!.validateUser!.accessToken!, validated.data!.validateUser!.refreshToken!);

    await api('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: email,
      p: 'a wrong password for sure'
    });
    secrets.push('a wrong password for sure');
    const login = await api(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
      { e: email, p: PASSWORD }
    );
    const { accessToken, refreshToken } = login.data!.login!;
    secrets.push(accessToken!, refreshToken!);
    const refreshed = await api(
      'mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }',
      {
        r: refreshToken
      }
    );
    secrets.push(refreshed.data!.refreshToken!.accessToken!, refreshed.data!.refreshToken!.refreshToken!);
    // A reused refresh token (a theft, as far as the server knows) is refused.
    await api('mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }', { r: refreshToken });

    await api('mutation($e: String!) { sendResetPassword(email: $e) }', { e: email });
    const reset = linkToken(await mailTo(server.dataDir, email, 2), '/password-reset');
    secrets.push(reset);
    await api('mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { accessToken } }', {
      t: reset,
      p: NEW_PASSWORD
    });

    const again = await api('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: email,
      p: NEW_PASSWORD
    });
    const token = again.data!.login!.accessToken!;
    secrets.push(token);
    await api('mutation { registerPerson: createPerson(preferredUsername: "quiet_one") { id } }', {}, token);
    const feed = await api('mutation { createFeedToken { token } }', {}, token);
    secrets.push(feed.data!.createFeedToken!.token!);
    expect((await fetch(`${server.baseUrl}/events/going/${feed.data!.createFeedToken!.token}/ics`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/events/going/not-a-feed-token-at-all/ics`)).status).toBe(404);
    secrets.push('not-a-feed-token-at-all');
    // A bad bearer token is refused with 401, and not written down either.
    const bogus = 'eyJhbGciOiJIUzI1NiJ9.bogus.signature';
    expect((await api('{ loggedUser { id } }', {}, bogus)).status).toBe(401);
    secrets.push(bogus);

    await new Promise((resolve) => setTimeout(resolve, 500));
    const output = server.output();
    expect(output.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(output, `a secret was logged`).not.toContain(secret);
  });
});
