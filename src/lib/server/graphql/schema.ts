import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './types/config.ts';
import './types/config-anonymous.ts';
import './types/config-instance.ts';
import './types/media.ts';
import './types/actors.ts';
import './types/accounts.ts';
import './types/account-care.ts';
import './types/uploads.ts';
import './types/settings.ts';
import './types/activity-settings.ts';
import './types/admin-users.ts';
import './types/admin-settings.ts';
import './types/profiles.ts';
import './types/events.ts';
import './types/event-mutations.ts';
import './types/my-events.ts';
import './types/public-events.ts';
import './types/tags.ts';
import './types/config-maps.ts';
import './types/participations.ts';
import './types/comments.ts';
import './types/live-participations.ts';
import './types/participant-exports.ts';
import './types/conversations.ts';
import './types/addresses.ts';
import './types/feed-tokens.ts';
import './types/followers.ts';
import './types/group-follows.ts';
import './types/instances.ts';
import './types/relays.ts';
import './types/suspensions.ts';
import './types/reports.ts';
import './types/groups.ts';
import './types/members.ts';
import './types/group-mutations.ts';
import './types/group-lists.ts';
import './types/posts.ts';
import './types/todos.ts';
import './types/group-activity.ts';
import './types/discussions.ts';
import './types/live-discussions.ts';
import './types/live-memberships.ts';
import './types/search.ts';
import './types/resources.ts';
import './types/resource-mutations.ts';

let schema: GraphQLSchema | undefined;

/** The GraphQL schema, built once per process from the Pothos definitions. */
export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}

export const printedSchema = () => printSchema(lexicographicSortSchema(getSchema()));
