import { randomUUID } from 'node:crypto';
import type { App } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { members, type MemberRole } from '#lib/server/db/schema/groups.ts';
import { createUserWithProfile } from './factories.ts';
import { clientAs, gql, type GraphQLResponse } from './graphql.ts';

let sequence = 0;

/** A person (user, profile, signed-in GraphQL client) for group tests. */
export async function person(app: App) {
  const made = await createUserWithProfile(app);
  return { ...made, client: await clientAs(app, made.email, made.password) };
}
export type TestPerson = Awaited<ReturnType<typeof person>>;

/** A local group created through the domain by `creator` (who becomes its creator). */
export async function groupBy(
  app: App,
  creator: { user: { id: number }; profile: Actor },
  fields: { openness?: 'invite_only' | 'moderated' | 'open'; visibility?: 'public' | 'unlisted'; name?: string } = {}
): Promise<Actor> {
  return app.services.groups.createGroup(creator.user.id, creator.profile.id, {
    preferredUsername: `group_${Date.now().toString(36)}_${(sequence++).toString(36)}`,
    name: fields.name ?? 'Neighbourhood association',
    openness: fields.openness ?? 'invite_only',
    visibility: fields.visibility ?? 'public'
  });
}

/**
 * Gives a profile a role in a group directly (test setup only: the membership operations
 * themselves are tested through the API).
 */
export async function withRole(app: App, group: Actor, actor: Actor, role: MemberRole): Promise<number> {
  const uuid = randomUUID();
  const [row] = await app.database.db
    .insert(members)
    .values({
      uuid,
      apId: `${app.config.publicUrl}/member/${uuid}`,
      groupId: group.id,
      actorId: actor.id,
      role
    })
    .onConflictDoUpdate({ target: [members.groupId, members.actorId], set: { role } })
    .returning();
  return row!.id;
}

/** The positions someone may stand in toward a group, in the order of the permission matrices. */
export const POSITIONS = ['anonymous', 'nonMember', 'follower', 'member', 'moderator', 'administrator'] as const;
export type Position = (typeof POSITIONS)[number];

/** Sends a GraphQL document as one caller. */
export type Query = <T = Record<string, unknown>>(
  doc: string,
  variables?: Record<string, unknown>
) => Promise<GraphQLResponse<T>>;

/** An anonymous visitor's client. */
export const anonymousQuery =
  (app: App): Query =>
  (doc, variables) =>
    gql(app, doc, variables);

const FOLLOW = `mutation($groupId: ID!) { followGroup(groupId: $groupId) { id approved } }`;

/**
 * A new person standing in a signed-in position toward the group: no tie, following it through
 * `followGroup` (as a client would; not a member), or holding a role.
 */
export async function personIn(app: App, group: Actor, position: Exclude<Position, 'anonymous'>): Promise<TestPerson> {
  const someone = await person(app);
  if (position === 'follower') {
    const res = await someone.client.query<{ followGroup: { approved: boolean } }>(FOLLOW, { groupId: group.id });
    if (!res.data?.followGroup.approved) throw new Error(`followGroup failed: ${JSON.stringify(res.errors)}`);
  }
  if (position === 'member' || position === 'moderator' || position === 'administrator') {
    await withRole(app, group, someone.profile, position);
  }
  return someone;
}
