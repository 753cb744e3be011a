import type { App } from '#lib/server/app.ts';

export interface GraphQLResponse<T> {
  status: number;
  data: T | null;
  errors:
    { message: string; code?: string; status_code?: number; field?: string | null; path?: string[] }[] | undefined;
  raw: unknown;
}

/** Sends a GraphQL document to an app's `/api`, as an anonymous visitor or with a bearer token. */
export async function gql<T = Record<string, unknown>>(
  target: App | string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; operationName?: string; clientAddress?: string } = {}
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = JSON.stringify({ query, variables, operationName: options.operationName });
  const url = typeof target === 'string' ? `${target}/api` : `${target.config.publicUrl}/api`;
  const request = new Request(url, { method: 'POST', headers, body });
  // Each in-process call comes from an address of its own, so functional tests never meet the
  // rate limits (tests/integration/rate-limit.test.ts covers those).
  const address =
    options.clientAddress ?? `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  const response =
    typeof target === 'string' ? await fetch(request) : ((await target.handle(request, address)) as Response);
  const json = (await response.json()) as { data?: T; errors?: GraphQLResponse<T>['errors'] };
  return { status: response.status, data: json.data ?? null, errors: json.errors, raw: json };
}

/** A client acting as one user: signs in once, then sends every document with that user's token. */
export async function clientAs(app: App | string, email: string, password: string) {
  const login = await gql<{
    login: { accessToken: string; refreshToken: string; user: { id: string; defaultActor: { id: string } | null } };
  }>(
    app,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken user { id defaultActor { id } } } }',
    { email, password }
  );
  if (!login.data?.login) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
  const { accessToken, refreshToken, user } = login.data.login;
  return {
    accessToken,
    refreshToken,
    userId: user.id,
    /** The profile the account acts as by default (its first one). */
    defaultActorId: user.defaultActor?.id ?? null,
    query: <T = Record<string, unknown>>(
      query: string,
      variables: Record<string, unknown> = {},
      operationName?: string
    ) => gql<T>(app, query, variables, { token: accessToken, operationName })
  };
}
