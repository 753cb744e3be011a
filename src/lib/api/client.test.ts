import { describe, expect, it } from 'vitest';
import { gql, graphql, GraphQLRequestError } from './client.ts';

const DOC = graphql<{ config: { name: string } }, { n: number }>('query Q($n: Int) { config { name } }');

function fakeFetch(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(new URL(String(input), 'http://local'), init));
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('gql', () => {
  it('posts the document and variables as JSON to /api, with the token as a bearer', async () => {
    const seen: Request[] = [];
    const data = await gql(
      fakeFetch(200, { data: { config: { name: 'Here' } } }, seen),
      DOC,
      { n: 1 },
      { token: 'abc' }
    );
    expect(data.config.name).toBe('Here');
    const request = seen[0]!;
    expect(new URL(request.url).pathname).toBe('/api');
    expect(request.method).toBe('POST');
    expect(request.headers.get('authorization')).toBe('Bearer abc');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ query: 'query Q($n: Int) { config { name } }', variables: { n: 1 } });
  });

  it('sends files in the variables as a GraphQL multipart request', async () => {
    const seen: Request[] = [];
    const UPDATE = graphql<
      { updatePerson: { id: string } },
      { id: string; avatar: { media: { name: string; file: File } } }
    >('mutation($id: ID!, $avatar: MediaInput) { updatePerson(id: $id, avatar: $avatar) { id } }');
    const file = new File(['pixels'], 'me.png', { type: 'image/png' });
    await gql(fakeFetch(200, { data: { updatePerson: { id: '1' } } }, seen), UPDATE, {
      id: '1',
      avatar: { media: { name: 'me.png', file } }
    });
    const request = seen[0]!;
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect(JSON.parse(String(form.get('operations')))).toEqual({
      query: UPDATE,
      variables: { id: '1', avatar: { media: { name: 'me.png', file: null } } }
    });
    expect(JSON.parse(String(form.get('map')))).toEqual({ '0': ['variables.avatar.media.file'] });
    const sent = form.get('0') as File;
    expect(sent.name).toBe('me.png');
    expect(await sent.text()).toBe('pixels');
  });

  it('sends no authorization header without a token', async () => {
    const seen: Request[] = [];
    await gql(fakeFetch(200, { data: { config: { name: 'x' } } }, seen), DOC, { n: 1 });
    expect(seen[0]!.headers.has('authorization')).toBe(false);
  });

  it("throws Mobilizon's error fields with the HTTP status", async () => {
    const body = {
      data: { createEvent: null },
      errors: [{ message: 'The event must end after it begins', code: 'validation', status_code: 422, field: 'endsOn' }]
    };
    const error = await gql(fakeFetch(200, body), DOC, { n: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toMatchObject({
      status: 200,
      code: 'validation',
      statusCode: 422,
      field: 'endsOn',
      message: 'The event must end after it begins',
      data: { createEvent: null }
    });
    expect((error as GraphQLRequestError).tokenRejected).toBe(false);
  });

  it('reports a refused token (HTTP 401 without GraphQL errors) as unauthenticated', async () => {
    const error = (await gql(fakeFetch(401, { message: 'invalid_token' }), DOC, { n: 1 }).catch(
      (e) => e
    )) as GraphQLRequestError;
    expect(error.tokenRejected).toBe(true);
    expect(error.unauthenticated).toBe(true);
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe('invalid_token');
  });

  it('reports not found and non-JSON answers', async () => {
    const missing = (await gql(
      fakeFetch(200, { data: null, errors: [{ message: 'Event not found', code: 'not_found', status_code: 404 }] }),
      DOC,
      { n: 1 }
    ).catch((e) => e)) as GraphQLRequestError;
    expect(missing.notFound).toBe(true);
    const broken = (await gql(fakeFetch(502, '<html>Bad gateway</html>'), DOC, { n: 1 }).catch(
      (e) => e
    )) as GraphQLRequestError;
    expect(broken).toBeInstanceOf(GraphQLRequestError);
    expect(broken.status).toBe(502);
  });
});
