import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { gqlAs } from '#lib/api/session.ts';
import { ACCOUNT_SETTINGS, SET_USER_SETTINGS } from '#lib/api/settings.ts';
import { isTimeZone } from '#lib/time/zoned-time.ts';
import type { RequestHandler } from './$types';

/**
 * The browser's time zone, sent once by the pages when the account has none yet: it becomes the
 * account's default. A zone chosen in the preferences is never overwritten.
 */
export const POST: RequestHandler = async (event) => {
  const body = (await event.request.json().catch(() => null)) as { timezone?: unknown } | null;
  const timezone = typeof body?.timezone === 'string' ? body.timezone : '';
  if (!isTimeZone(timezone)) error(400, 'Unknown time zone');
  try {
    const { loggedUser } = await gqlAs(event, ACCOUNT_SETTINGS, {});
    if (!loggedUser.settings?.timezone) await gqlAs(event, SET_USER_SETTINGS, { timezone });
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) error(401, 'Not signed in');
    throw err;
  }
  return new Response(null, { status: 204 });
};
