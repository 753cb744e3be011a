import type { App } from '#lib/server/app.ts';
import { createUserWithProfile } from './factories.ts';
import { waitFor } from './wait.ts';

/** A confirmed administrator with a profile. */
export async function createAdministrator(app: App, overrides: { email?: string; username?: string } = {}) {
  const created = await createUserWithProfile(app, overrides);
  const user = await app.services.accountAdmin.modify(created.email, { role: 'administrator' });
  return { ...created, user };
}

/** This app's instance actor (its relay). */
export async function relayOf(app: App) {
  const relay = await app.services.queries.actors.instanceActor();
  if (!relay) throw new Error('no instance actor');
  return relay;
}

/** `host:port` of an app, as instances are keyed. */
export const hostOf = (app: App) => new URL(app.config.publicUrl).host;

type Administrator = Awaited<ReturnType<typeof createAdministrator>>;

/**
 * `follower` follows `followed`'s relay, and `followed`'s administrator accepts (once the Follow
 * has arrived): from then on, `followed`'s public events reach `follower`.
 */
export async function followRelay(
  follower: { app: App; admin: Administrator },
  followed: { app: App; admin: Administrator }
): Promise<void> {
  await follower.app.services.relays.addInstance(follower.admin.user, hostOf(followed.app));
  await waitFor(
    () =>
      followed.app.services.relays.acceptRelay(followed.admin.user, hostOf(follower.app)).then(
        () => true,
        () => undefined
      ),
    { what: `${hostOf(followed.app)} to accept ${hostOf(follower.app)}` }
  );
}
