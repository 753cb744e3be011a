import { and, eq } from 'drizzle-orm';
import type { App } from '#lib/server/app.ts';
import { actors, type Actor } from '#lib/server/db/schema/actors.ts';
import { comments } from '#lib/server/db/schema/comments.ts';
import { discussions, groupActivities } from '#lib/server/db/schema/groups.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';

let sequence = 0;

/** A profile of another server, stored as the inbox would store it. */
export async function remoteProfile(app: App, host = 'remote.example'): Promise<Actor> {
  const name = `remote_${Date.now().toString(36)}_${(sequence++).toString(36)}`;
  const [row] = await app.database.db
    .insert(actors)
    .values({ type: 'Person', preferredUsername: name, domain: host, apId: `https://${host}/@${name}` })
    .returning();
  return row!;
}

/** What the database holds of discussions, their messages, history and facts (to prove changes). */
export async function discussionState(app: App, groupId: number) {
  const db = app.database.db;
  const threads = await db.select().from(discussions).where(eq(discussions.groupId, groupId));
  const messages = threads.length
    ? (await db.select().from(comments)).filter((c) => threads.some((d) => d.id === c.discussionId))
    : [];
  const history = await db
    .select({ subject: groupActivities.subject, params: groupActivities.subjectParams })
    .from(groupActivities)
    .where(and(eq(groupActivities.groupId, groupId), eq(groupActivities.type, 'discussion')));
  return { threads, messages, history };
}

export async function factsOf(app: App, type: string): Promise<Record<string, unknown>[]> {
  const rows = await app.database.db.select().from(domainEvents).where(eq(domainEvents.type, type));
  return rows.map((r) => r.payload as Record<string, unknown>);
}

export const DISCUSSION_FIELDS = `id title slug insertedAt updatedAt
  lastComment { id text deletedAt actor { id } }
  creator { id } actor { id ... on Group { preferredUsername } }`;
export const CREATE = `mutation($title: String!, $text: String!, $actorId: ID!) {
  createDiscussion(title: $title, text: $text, actorId: $actorId) { ${DISCUSSION_FIELDS} } }`;
export const REPLY = `mutation($discussionId: ID!, $text: String!) {
  replyToDiscussion(discussionId: $discussionId, text: $text) { ${DISCUSSION_FIELDS} } }`;
export const RENAME = `mutation($discussionId: ID!, $title: String!) {
  updateDiscussion(discussionId: $discussionId, title: $title) { id title slug } }`;
export const DELETE = `mutation($discussionId: ID!) { deleteDiscussion(discussionId: $discussionId) { id } }`;
export const ONE = `query($slug: String, $id: ID, $page: Int, $limit: Int) { discussion(slug: $slug, id: $id) {
  ${DISCUSSION_FIELDS} comments(page: $page, limit: $limit) { total elements { id text deletedAt actor { id } } } } }`;
export const LIST = `query($name: String!, $page: Int, $limit: Int) { group(preferredUsername: $name) {
  discussions(page: $page, limit: $limit) { total elements { id title lastComment { text } } } } }`;
export const EDIT_COMMENT = `mutation($commentId: ID!, $text: String!) {
  updateComment(commentId: $commentId, text: $text) { id text } }`;
export const DELETE_COMMENT = `mutation($commentId: ID!) { deleteComment(commentId: $commentId) { id text deletedAt } }`;
