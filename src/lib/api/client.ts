/**
 * The pages' GraphQL client. It posts to `/api` with the `fetch` SvelteKit hands to loads and
 * actions, so the request is answered in-process by the same server.
 */

/** A GraphQL document whose result and variables types travel with it. */
export type Document<TData, TVariables extends Record<string, unknown> = Record<string, never>> = string & {
  readonly __types?: { data: TData; variables: TVariables };
};

export const graphql = <TData, TVariables extends Record<string, unknown> = Record<string, never>>(source: string) =>
  source as Document<TData, TVariables>;

/** One error as Mobilizon serializes it: its clients read `code`, `status_code` and `field`. */
export interface ApiErrorEntry {
  message: string;
  code?: string;
  status_code?: number;
  field?: string | null;
  /** Ours: which rule refused (`last_administrator`…), to explain it without reading `message`. */
  reason?: string;
  path?: (string | number)[];
}

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  /** The HTTP status of the response (401 when the access token was refused). */
  readonly status: number;
  /** The first error's fields. */
  readonly code: string | undefined;
  readonly statusCode: number | undefined;
  readonly field: string | null;
  readonly reason: string | undefined;
  readonly errors: ApiErrorEntry[];
  /** Partial data that came with the errors, if any. */
  readonly data: unknown;

  constructor(status: number, errors: ApiErrorEntry[], data: unknown = null) {
    const first = errors[0];
    super(first?.message ?? `GraphQL request failed with HTTP ${status}`);
    this.status = status;
    this.errors = errors;
    this.data = data;
    this.code = first?.code;
    this.statusCode = first?.status_code;
    this.field = first?.field ?? null;
    this.reason = first?.reason;
  }

  /** The access token was refused before the query ran: refreshing the session may help. */
  get tokenRejected(): boolean {
    return this.status === 401;
  }

  get unauthenticated(): boolean {
    return this.status === 401 || this.code === 'unauthenticated';
  }

  get notFound(): boolean {
    return this.code === 'not_found' || this.statusCode === 404;
  }
}

export interface RequestOptions {
  token?: string | undefined;
  signal?: AbortSignal;
}

type Fetch = typeof fetch;

const isErrorList = (value: unknown): value is ApiErrorEntry[] =>
  Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof e.message === 'string');

/**
 * Files among the variables (a profile's avatar…), each replaced by null and listed with its path,
 * as the GraphQL multipart request spec wants them.
 */
function extractFiles(value: unknown, path: string, files: [string, Blob][]): unknown {
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    files.push([path, value]);
    return null;
  }
  if (Array.isArray(value)) return value.map((item, i) => extractFiles(item, `${path}.${i}`, files));
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extractFiles(v, `${path}.${k}`, files)]));
  }
  return value;
}

/** The request body: JSON, or a multipart form when the variables carry files. */
function requestBody(document: string, variables: Record<string, unknown>): { body: BodyInit; json: boolean } {
  const files: [string, Blob][] = [];
  const cleaned = extractFiles(variables, 'variables', files);
  if (files.length === 0) return { body: JSON.stringify({ query: document, variables }), json: true };
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: document, variables: cleaned }));
  form.set('map', JSON.stringify(Object.fromEntries(files.map(([path], i) => [String(i), [path]]))));
  files.forEach(([, file], i) => form.set(String(i), file));
  return { body: form, json: false };
}

export async function gql<TData, TVariables extends Record<string, unknown>>(
  fetch: Fetch,
  document: Document<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {}
): Promise<TData> {
  const request = requestBody(document, variables);
  // a multipart body sets its own content type, with its boundary
  const headers: Record<string, string> = request.json
    ? { 'content-type': 'application/json', accept: 'application/json' }
    : { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch('/api', { method: 'POST', headers, body: request.body, signal: options.signal });

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError(response.status, [
      { message: `The API answered HTTP ${response.status} without JSON` }
    ]);
  }
  const payload = (typeof body === 'object' && body !== null ? body : {}) as {
    data?: TData | null;
    errors?: unknown;
    message?: unknown;
  };

  if (isErrorList(payload.errors) && payload.errors.length > 0) {
    throw new GraphQLRequestError(response.status, payload.errors, payload.data ?? null);
  }
  if (!response.ok || payload.data === undefined || payload.data === null) {
    // A refused token is answered before GraphQL runs, as `{ message: "invalid_token" }`.
    const message = typeof payload.message === 'string' ? payload.message : `The API answered HTTP ${response.status}`;
    const code = response.status === 401 ? 'unauthenticated' : undefined;
    throw new GraphQLRequestError(response.status, [{ message, code, status_code: response.status }]);
  }
  return payload.data;
}
