import { createYoga, isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import type { User } from '../db/schema/accounts.ts';
import type { Actor } from '../db/schema/actors.ts';
import type { Logger } from '../core/logger.ts';
import type { Services } from '../services.ts';
import type { GraphQLContext } from './context.ts';
import type { LiveUpdates } from './live-updates.ts';
import { formatError } from './errors.ts';
import { mobilizonValidationPlugin, snakeCasePlugin } from './snake-case.ts';
import { rateLimitPlugin, type RateLimitState } from './rate-limit.ts';
import { createLoaders } from './loaders.ts';
import { getSchema } from './schema.ts';

/**
 * Mobilizon's clients read `code`, `status_code` and `field` at the top level of each error. Yoga
 * rebuilds GraphQLError instances before serializing (dropping custom fields), so the errors leave
 * execution already serialized as plain objects, unexpected ones masked.
 */
function mobilizonErrors(logger: Logger): Plugin {
  const log = (e: unknown) => logger.error('graphql resolver failed', { error: String(e), stack: (e as Error)?.stack });
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (isAsyncIterable(result) || !result.errors?.length) return;
        const errors = result.errors.map((error) => formatError(error, log).toJSON());
        setResult({ ...result, errors: errors as unknown as readonly GraphQLError[] });
      }
    })
  };
}

interface ServerContext {
  user: User | null;
  rateLimit: RateLimitState;
}

/** `POST /api` (and GraphiQL on `GET /api` in a browser). Expects the caller to have resolved the user. */
export function createGraphQLHandler(services: Services, logger: Logger, live: LiveUpdates) {
  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema: getSchema(),
    graphqlEndpoint: '/api',
    landingPage: false,
    graphiql: { title: 'Convene GraphQL API' },
    // The self-contained GraphiQL (no CDN: pages make no third-party requests), loaded on first use.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    logging: false,
    // Masking happens in `mobilizonErrors` below, which also flattens the error fields.
    maskedErrors: false,
    plugins: [
      snakeCasePlugin(),
      mobilizonValidationPlugin(),
      rateLimitPlugin(services.rateLimiter),
      mobilizonErrors(logger)
    ],
    context: ({ user }) => {
      let identities: Promise<Actor[]> | undefined;
      const loadIdentities = () =>
        (identities ??= user ? services.queries.actors.identitiesOf(user.id) : Promise.resolve([]));
      return {
        services,
        user,
        loaders: createLoaders(services, async () => (await loadIdentities()).map((a) => a.id)),
        live,
        identities: loadIdentities
      };
    }
  });

  return async function handleGraphQL(request: Request, clientAddress = 'unknown'): Promise<Response> {
    const header = request.headers.get('authorization');
    let user: User | null = null;
    if (header) {
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      user = token ? await services.accounts.userFromAccessToken(token) : null;
      if (!user) {
        // Mobilizon answers a bad or expired token before GraphQL runs; its clients then refresh.
        return Response.json(
          { message: 'invalid_token', details: 'The access token is invalid or expired' },
          { status: 401 }
        );
      }
    }
    const rateLimit: RateLimitState = { clientAddress };
    const response = await yoga.fetch(request, { user, rateLimit });
    if (rateLimit.retryAfterSeconds === undefined) return response;
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(rateLimit.retryAfterSeconds));
    return new Response(response.body, { status: 429, headers });
  };
}
