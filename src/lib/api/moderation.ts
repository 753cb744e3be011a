import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from './client.ts';
import { loginUrl } from './redirect.ts';

/**
 * How the moderation pages answer a refusal: anonymous visitors sign in first, signed-in people
 * who are neither moderators nor administrators get a 403, an unknown report a 404.
 */
export function moderationRefused(err: unknown, url: URL): never {
  if (err instanceof GraphQLRequestError) {
    if (err.unauthenticated) redirect(303, loginUrl(url));
    if (err.statusCode === 403) error(403, 'Forbidden');
    if (err.notFound) error(404, 'Not found');
  }
  throw err;
}
