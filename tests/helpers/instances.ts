import type { App } from '#lib/server/app.ts';
import { createUserWithProfile } from './factories.ts';

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
