import { personalDataOf } from '../domain/accounts/personal-data.queries.ts';
import type { Services } from '../services.ts';
import type { Database } from '../db/client.ts';

export const PERSONAL_DATA_PATH = '/export/personal-data.json';

/**
 * `GET /export/personal-data.json` with the account's bearer token: a JSON file of everything held
 * about the signed-in person (the web UI links to it through its own session).
 */
export function createPersonalDataHandler(services: Services, db: Database) {
  return async function handlePersonalData(request: Request): Promise<Response | undefined> {
    if (new URL(request.url).pathname !== PERSONAL_DATA_PATH || request.method !== 'GET') return undefined;
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
    const user = token ? await services.accounts.userFromAccessToken(token) : null;
    if (!user)
      return Response.json(
        { message: 'You need to be logged in' },
        { status: 401, headers: { 'cache-control': 'no-store' } }
      );
    const data = await personalDataOf(db, user.id);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="convene-personal-data-${day}.json"`,
        'cache-control': 'no-store'
      }
    });
  };
}
