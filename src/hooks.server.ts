import type { RequestEvent } from '@sveltejs/kit';
import { sequence, type Handle } from '@sveltejs/kit/hooks';
import type { RunningApp } from '#lib/server/running-app.ts';
import { findRunningApp } from '#lib/server/running-app.ts';
import { sessionHandle } from '#lib/api/session.ts';
import { localeHandle } from '#lib/i18n/handle.ts';

let devApp: Promise<RunningApp> | undefined;

/** `convene serve` registers the app it started; under `vite dev` the first request starts one. */
async function app(): Promise<RunningApp> {
  const running = findRunningApp();
  if (running) return running;
  devApp ??= import('#lib/server/app.ts').then((m) => m.startDevApp());
  return devApp;
}

/** The caller's address; SvelteKit's own fetches from page loads carry none, and count as local. */
function clientAddress(event: RequestEvent): string {
  try {
    return event.getClientAddress();
  } catch {
    return 'local';
  }
}

/** Federation, GraphQL and well-known documents first; everything else falls through to the pages. */
const backend: Handle = async ({ event, resolve }) => {
  const response = await (await app()).handle(event.request, clientAddress(event));
  return response ?? resolve(event);
};

export const handle = sequence(backend, localeHandle, sessionHandle);
