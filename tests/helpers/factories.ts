import type { App } from '#lib/server/app.ts';

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** A confirmed user with a first profile, as `convene users new --profile` makes them. */
export async function createUserWithProfile(
  app: App,
  overrides: { email?: string; password?: string; username?: string } = {}
) {
  const suffix = next();
  const email = overrides.email ?? `person${suffix}@example.org`;
  const password = overrides.password ?? 'correct horse battery staple';
  const user = await app.services.accounts.createUser({ email, password, confirmed: true });
  const profile = await app.services.actors.createPerson(user.id, {
    preferredUsername: overrides.username ?? `person${suffix}`.toLowerCase(),
    name: 'Test Person'
  });
  return { user, profile, email, password };
}
