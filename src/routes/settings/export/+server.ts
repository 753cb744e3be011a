import { redirect } from '@sveltejs/kit';
import { REFRESH_COOKIE, refreshSession } from '#lib/api/session.ts';
import type { RequestHandler } from './$types';

const EXPORT_PATH = '/export/personal-data.json';

/** "Download my data": the API's personal data file, fetched with the visitor's session. */
export const GET: RequestHandler = async (event) => {
  let token = event.locals.accessToken;
  if (!token && event.cookies.get(REFRESH_COOKIE)) token = await refreshSession(event);
  const download = (accessToken: string) =>
    event.fetch(EXPORT_PATH, { headers: { authorization: `Bearer ${accessToken}` } });
  let response = token ? await download(token) : undefined;
  if (response?.status === 401) {
    const fresh = await refreshSession(event);
    response = fresh ? await download(fresh) : undefined;
  }
  if (!response || response.status === 401) redirect(303, `/login?redirect=${encodeURIComponent('/settings/export')}`);
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of ['content-type', 'content-disposition']) {
    const value = response.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, headers });
};
