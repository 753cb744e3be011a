import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayName, handleOf } from '#lib/api/accounts.ts';
import { loadEventComments } from '#lib/api/comments.ts';
import { commentFromAp } from '#lib/server/federation/converters/comment.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { changesWhile, waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { ForeignWorld, readFixture, type Json } from '../helpers/foreign-world.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createAdministrator, followRelay, hostOf } from '../helpers/instances.ts';
import { localActorKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Comments between two real instances: B follows A's relay, so A's events are on B. B's profile
 * comments on A's event, A's organizer answers, B edits, A's organizer removes B's comment; a
 * Mastodon server (a loopback sink speaking Mastodon's recorded shapes) replies to A's event,
 * publicly and privately; what a third party sends in someone else's name changes nothing.
 */
const AS = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${AS}#Public`;
const AP = { accept: 'application/activity+json' };

let a: TestApp;
let b: TestApp;
let world: ForeignWorld;
let rose: Awaited<ReturnType<typeof createUserWithProfile>>;
let bea: Awaited<ReturnType<typeof createUserWithProfile>>;
let roseClient: Awaited<ReturnType<typeof clientAs>>;
let beaClient: Awaited<ReturnType<typeof clientAs>>;
let event: { id: number; uuid: string; apId: string };
let eventOnB: { id: number };
/** Mastodon's recorded activities, rewritten to point at the sinks standing in for its servers. */
let mastodon: { actor: string; origin: string; key: GeneratedKey };

interface CommentJson {
  id: string;
  uuid: string;
  url: string;
  local: boolean;
  text: string | null;
  visibility: string;
  deletedAt: string | null;
  actor: { preferredUsername: string; domain: string | null; name: string | null } | null;
  replies: {
    id: string;
    text: string | null;
    local: boolean;
    actor: { preferredUsername: string; domain: string | null } | null;
  }[];
}

const COMMENTS = `query($uuid: UUID!) { event(uuid: $uuid) { comments {
  id uuid url local text visibility deletedAt actor { preferredUsername domain name }
  replies { id text local actor { preferredUsername domain } }
} } }`;

async function commentsOn(target: TestApp, uuid: string, token?: string): Promise<CommentJson[]> {
  const result = await gql<{ event: { comments: CommentJson[] } | null }>(target.app, COMMENTS, { uuid }, { token });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data?.event?.comments ?? [];
}

const q = async <T = Record<string, unknown>>(target: TestApp, sql: string, params: unknown[] = []) =>
  (await target.app.database.pool.query(sql, params)).rows as T[];

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  const [adminA, adminB] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
  rose = await createUserWithProfile(a.app, { username: 'rose' });
  bea = await createUserWithProfile(b.app, { username: 'bea' });
  [roseClient, beaClient] = await Promise.all([
    clientAs(a.app, rose.email, rose.password),
    clientAs(b.app, bea.email, bea.password)
  ]);
  await followRelay({ app: b.app, admin: adminB }, { app: a.app, admin: adminA });
  const created = await a.app.services.events.createEvent(rose.user.id, {
    organizerActorId: rose.profile.id,
    title: 'Repair café',
    beginsOn: new Date('2031-09-12T14:00:00Z')
  });
  event = { id: created.id, uuid: created.uuid, apId: created.apId };
  eventOnB = await waitFor(async () => (await b.app.services.queries.events.byApId(created.apId)) ?? undefined, {
    what: 'the event to reach B'
  });

  world = new ForeignWorld(a.baseUrl, ['http://mobilizon.test']);
  const recorded = await world.rewrite(readFixture('mastodon-post-activity.json'));
  const actor = String(recorded.actor);
  const key = await world.actor(actor, {
    id: actor,
    type: 'Person',
    preferredUsername: 'admin',
    name: 'Framapiaf admin'
  });
  mastodon = { actor, origin: new URL(actor).origin, key };
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop(), world?.close()]));

/** A Mastodon fixture, rewritten, without its Linked Data signature (it would not survive the rewrite). */
async function mastodonActivity(file: string, object: Json): Promise<Json> {
  const { signature: _ld, ...recorded } = await world.rewrite(readFixture(file));
  const status = `${mastodon.actor}/statuses/${randomUUID()}`;
  return {
    ...recorded,
    id: `${status}/activity`,
    object: { ...(recorded.object as Json), id: status, url: status, atomUri: status, ...object }
  };
}

const sendAsMastodon = (activity: Json) => signedPost(`${a.baseUrl}/inbox`, activity, mastodon.key);

const changesOnA = (send: () => Promise<Response>) => changesWhile(a.app, send);

describe('a comment from B on A’s event', () => {
  let onB: { id: string; uuid: string; url: string };
  let onA: CommentJson;
  let reply: { id: string; url: string };

  it('is shown on A when B’s profile writes it', async () => {
    const created = await beaClient.query<{ createComment: { id: string; uuid: string; url: string } }>(
      'mutation($eventId: ID!, $text: String!) { createComment(eventId: $eventId, text: $text) { id uuid url } }',
      { eventId: String(eventOnB.id), text: '<p>Je viens avec mon <strong>vélo</strong></p>' }
    );
    onB = created.data!.createComment;
    onA = await waitFor(async () => (await commentsOn(a, event.uuid)).find((c) => c.url === onB.url), {
      what: 'the comment to reach A'
    });
    expect(onA).toMatchObject({
      local: false,
      uuid: onB.uuid,
      text: '<p>Je viens avec mon <strong>vélo</strong></p>',
      visibility: 'PUBLIC',
      deletedAt: null,
      actor: { preferredUsername: 'bea', domain: hostOf(b.app), name: 'Test Person' }
    });
    // Signed by its author, to the event's organizer (the event lives on A).
    const [sent] = await q<{ actor: string; json: Json }>(
      b,
      `select a.ap_id as actor, o.json from outbox_activities o join actors a on a.id = o.actor_id where o.ap_id = $1`,
      [`${onB.url}/activity`]
    );
    expect(sent?.actor).toBe(`${b.baseUrl}/@bea`);
    expect(sent?.json.object).toMatchObject({
      type: 'Note',
      id: onB.url,
      inReplyTo: event.apId,
      attributedTo: `${b.baseUrl}/@bea`,
      to: [PUBLIC],
      mediaType: 'text/html',
      isAnnouncement: false
    });
  });

  it('gets the answer of A’s organizer under it on B', async () => {
    const answered = await roseClient.query<{ createComment: { id: string; url: string } }>(
      'mutation($eventId: ID!, $text: String!, $to: ID) { createComment(eventId: $eventId, text: $text, inReplyToCommentId: $to) { id url } }',
      { eventId: String(event.id), text: '<p>Parfait, il y a un atelier vélo</p>', to: onA.id }
    );
    reply = answered.data!.createComment;
    const thread = await waitFor(
      async () => (await commentsOn(b, event.uuid)).find((c) => c.id === onB.id && c.replies.length > 0),
      { what: 'the answer to reach B' }
    );
    expect(thread.replies).toEqual([
      {
        id: expect.any(String),
        text: '<p>Parfait, il y a un atelier vélo</p>',
        local: false,
        actor: { preferredUsername: 'rose', domain: hostOf(a.app) }
      }
    ]);
    // The answer names whom it answers, as Mastodon expects of a reply.
    const [sent] = await q<{ json: Json }>(a, `select json from outbox_activities where ap_id = $1`, [
      `${reply.url}/activity`
    ]);
    expect(sent?.json.object).toMatchObject({
      inReplyTo: onB.url,
      tag: [{ type: 'Mention', href: `${b.baseUrl}/@bea`, name: `@bea@${hostOf(b.app)}` }]
    });
  });

  it('is served by A as a Note, and redirects to B from A', async () => {
    const own = await fetch(reply.url, { headers: AP });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      type: 'Note',
      id: reply.url,
      inReplyTo: onB.url,
      actor: `${a.baseUrl}/@rose`,
      content: '<p>Parfait, il y a un atelier vélo</p>'
    });
    const copy = await fetch(`${a.baseUrl}/comments/${onA.uuid}`, { headers: AP, redirect: 'manual' });
    expect(copy.status).toBe(302);
    expect(copy.headers.get('location')).toBe(onB.url);
  });

  it('changes on A when B edits it, and an older version never comes back', async () => {
    await beaClient.query('mutation($id: ID!, $text: String!) { updateComment(commentId: $id, text: $text) { id } }', {
      id: onB.id,
      text: '<p>Finalement je viens en train</p>'
    });
    await waitFor(
      async () =>
        (await commentsOn(a, event.uuid)).find((c) => c.id === onA.id)?.text === '<p>Finalement je viens en train</p>',
      { what: 'the edit to reach A' }
    );
    const [create] = await q<{ json: Json }>(b, `select json from outbox_activities where ap_id = $1`, [
      `${onB.url}/activity`
    ]);
    const stale = commentFromAp(create!.json.object as Json)!;
    const beaOnA = await a.app.federation!.resolveActor(`${b.baseUrl}/@bea`);
    const result = await a.app.services.comments.receiveRemote(stale, { sender: beaOnA, author: beaOnA });
    expect(result.outcome).toBe('unchanged');
    expect((await commentsOn(a, event.uuid)).find((c) => c.id === onA.id)?.text).toBe(
      '<p>Finalement je viens en train</p>'
    );
  });

  it('refuses a Delete of the organizer’s answer signed by B’s profile', async () => {
    const changes = await changesOnA(async () =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${b.baseUrl}/@bea/delete/${randomUUID()}`,
          type: 'Delete',
          actor: `${b.baseUrl}/@bea`,
          object: { type: 'Tombstone', formerType: 'Note', id: reply.url }
        },
        await localActorKey(b.app, 'bea')
      )
    );
    expect(changes).toEqual([]);
    const [row] = await q(a, `select text, deleted_at from comments where ap_id = $1`, [reply.url]);
    expect(row).toEqual({ text: '<p>Parfait, il y a un atelier vélo</p>', deleted_at: null });
  });

  it('is gone from B when A’s organizer removes it on A, and stays gone', async () => {
    await roseClient.query('mutation($id: ID!) { deleteComment(commentId: $id) { id } }', { id: onA.id });
    const gone = await waitFor(
      async () => {
        const thread = (await commentsOn(b, event.uuid)).find((c) => c.id === onB.id);
        return thread?.deletedAt ? thread : undefined;
      },
      { what: 'the removal to reach B' }
    );
    // A tombstone that keeps its thread: no text, no author, the answer still under it.
    expect(gone).toMatchObject({
      text: null,
      actor: null,
      replies: [{ text: '<p>Parfait, il y a un atelier vélo</p>' }]
    });
    // The Delete came from A's organizer (B took it because she organizes the event).
    const [sent] = await q<{ actor: string; json: Json }>(
      a,
      `select a.ap_id as actor, o.json from outbox_activities o join actors a on a.id = o.actor_id where o.ap_id = $1`,
      [`${onB.url}/delete`]
    );
    expect(sent).toMatchObject({
      actor: `${a.baseUrl}/@rose`,
      json: { type: 'Delete', object: { type: 'Tombstone', formerType: 'Note', id: onB.url } }
    });
    const document = await fetch(onB.url, { headers: AP });
    expect(document.status).toBe(410);
    expect(await document.json()).toMatchObject({ type: 'Tombstone', formerType: 'Note', id: onB.url });
    // B's first Create, arriving late at A, does not bring the text back.
    const [create] = await q<{ json: Json }>(b, `select json from outbox_activities where ap_id = $1`, [
      `${onB.url}/activity`
    ]);
    const beaOnA = await a.app.federation!.resolveActor(`${b.baseUrl}/@bea`);
    const late = await a.app.services.comments.receiveRemote(commentFromAp(create!.json.object as Json)!, {
      sender: beaOnA,
      author: beaOnA
    });
    expect(late.outcome).toBe('gone');
    expect(await q(a, `select text from comments where ap_id = $1`, [onB.url])).toEqual([{ text: null }]);
  });

  it('shows on A’s event page as removed', async () => {
    const comments = await pageComments(a);
    const removed = comments.threads.find((t) => t.id === onA.id);
    expect(removed).toMatchObject({ deletedAt: expect.any(String), text: null, actor: null });
  });
});

describe('a comment from B held for moderation', () => {
  it('goes to A’s organizer only, is not served publicly by B, and is not listed publicly on A', async () => {
    const moderated = await a.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Réunion du bureau',
      beginsOn: new Date('2031-09-20T18:00:00Z'),
      options: { commentModeration: 'moderated' }
    });
    const copy = await waitFor(async () => (await b.app.services.queries.events.byApId(moderated.apId)) ?? undefined, {
      what: 'the moderated event to reach B'
    });
    const created = await beaClient.query<{ createComment: { url: string; visibility: string } }>(
      'mutation($eventId: ID!, $text: String!) { createComment(eventId: $eventId, text: $text) { url visibility } }',
      { eventId: String(copy.id), text: '<p>Puis-je venir ?</p>' }
    );
    const { url, visibility } = created.data!.createComment;
    expect(visibility).toBe('MODERATED');
    const [onA] = await waitFor(
      () =>
        q<{ visibility: string }>(a, `select visibility from comments where ap_id = $1`, [url]).then((r) =>
          r.length ? r : undefined
        ),
      { what: 'the held comment to reach A' }
    );
    expect(onA?.visibility).toBe('private');
    const [sent] = await q<{ json: Json }>(b, `select json from outbox_activities where ap_id = $1`, [
      `${url}/activity`
    ]);
    expect(sent?.json).toMatchObject({ to: [`${a.baseUrl}/@rose`], cc: [] });
    expect((await fetch(url, { headers: AP })).status).toBe(404);
    expect(await commentsOn(a, moderated.uuid)).toEqual([]);
    expect((await commentsOn(a, moderated.uuid, roseClient.accessToken)).map((c) => c.url)).toEqual([url]);
  });
});

/** The event page's comments, as its `load` reads them (an anonymous visitor of A). */
function pageComments(target: TestApp) {
  const fetch = (path: string | URL | Request, init?: RequestInit) =>
    target.app.handle(new Request(new URL(String(path), target.baseUrl), init), '198.18.9.9') as Promise<Response>;
  const session = { locals: {}, cookies: { get: () => undefined, set: () => {}, delete: () => {} }, fetch };
  return loadEventComments(session as unknown as Parameters<typeof loadEventComments>[0], event.uuid);
}

describe('replies from Mastodon', () => {
  it('a public reply to A’s event becomes a comment, its content warning before its text', async () => {
    const activity = await mastodonActivity('mastodon-post-activity.json', { inReplyTo: event.apId });
    expect((await sendAsMastodon(activity)).status).toBe(202);
    const status = (activity.object as Json).id as string;
    const comment = await waitFor(async () => (await commentsOn(a, event.uuid)).find((c) => c.url === status), {
      what: 'the Mastodon reply'
    });
    expect(comment).toMatchObject({ local: false, visibility: 'PUBLIC' });
    expect(comment.text).toMatch(/^<p>⚠ <strong>cw<\/strong><\/p><p><span class="h-card"><a href="[^"]+\/users\/tcit"/);
    // The event page names its author with their server.
    const onPage = (await pageComments(a)).threads.find((t) => t.id === comment.id)!;
    expect(displayName(onPage.actor!)).toBe('Framapiaf admin');
    expect(handleOf(onPage.actor!)).toBe(`@admin@${new URL(mastodon.actor).host}`);
  });

  it('a direct reply is kept between its author and the organizers, never among the public comments', async () => {
    const activity = await mastodonActivity('mastodon-post-activity-private.json', {
      to: [`${a.baseUrl}/@rose`],
      inReplyTo: event.apId
    });
    activity.to = [`${a.baseUrl}/@rose`];
    await sendAsMastodon(activity);
    const status = (activity.object as Json).id as string;
    const [row] = await waitFor(
      () =>
        q<{ visibility: string }>(a, `select visibility from comments where ap_id = $1`, [status]).then((r) =>
          r.length ? r : undefined
        ),
      {
        what: 'the direct reply'
      }
    );
    expect(row?.visibility).toBe('private');
    expect((await commentsOn(a, event.uuid)).map((c) => c.url)).not.toContain(status);
    const forRose = (await commentsOn(a, event.uuid, roseClient.accessToken)).find((c) => c.url === status);
    expect(forRose?.visibility).toBe('PRIVATE');
  });

  it('a reply to a status we never had fetches that status once, and joins its thread', async () => {
    const carla = `${mastodon.origin}/users/carla`;
    await world.actor(carla, { id: carla, type: 'Person', preferredUsername: 'carla' });
    const parent = `${carla}/statuses/${randomUUID()}`;
    world.serve({
      '@context': AS,
      id: parent,
      type: 'Note',
      attributedTo: carla,
      inReplyTo: event.apId,
      content: '<p>Quelqu’un a une perceuse ?</p>',
      to: [PUBLIC],
      published: new Date(Date.now() - 60_000).toISOString()
    });
    const activity = await mastodonActivity('mastodon-post-activity.json', { inReplyTo: parent, summary: null });
    await sendAsMastodon(activity);
    const status = (activity.object as Json).id as string;
    const thread = await waitFor(
      async () => (await commentsOn(a, event.uuid)).find((c) => c.url === parent && c.replies.length > 0),
      { what: 'the fetched status and its reply' }
    );
    expect(thread).toMatchObject({
      text: '<p>Quelqu’un a une perceuse ?</p>',
      actor: { preferredUsername: 'carla' },
      replies: [{ local: false, actor: { preferredUsername: 'admin' } }]
    });
    expect((await q(a, `select 1 from comments where ap_id = $1`, [status])).length).toBe(1);
    const fetches = world.requestsTo(parent).filter((r) => r.url === new URL(parent).pathname);
    expect(fetches).toHaveLength(1);
  });

  it('a status announced (as a relay announces its instance’s comments) is fetched and taken', async () => {
    const carla = `${mastodon.origin}/users/carla`;
    await world.actor(carla, { id: carla, type: 'Person', preferredUsername: 'carla' });
    const status = `${carla}/statuses/${randomUUID()}`;
    world.serve({
      '@context': AS,
      id: status,
      type: 'Note',
      attributedTo: carla,
      inReplyTo: event.apId,
      content: '<p>J’apporte une ponceuse</p>',
      to: [PUBLIC]
    });
    await sendAsMastodon({
      '@context': AS,
      id: `${mastodon.actor}/announces/${randomUUID()}`,
      type: 'Announce',
      actor: mastodon.actor,
      object: status,
      to: [PUBLIC]
    });
    const comment = await waitFor(async () => (await commentsOn(a, event.uuid)).find((c) => c.url === status), {
      what: 'the announced status'
    });
    expect(comment).toMatchObject({ text: '<p>J’apporte une ponceuse</p>', actor: { preferredUsername: 'carla' } });
    expect(await q(a, `select 1 from shares where object_ap_id = $1`, [status])).toEqual([]);
  });

  it('is refused when the event’s comments are closed: no row changes', async () => {
    const closed = await a.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Conférence',
      beginsOn: new Date('2031-10-01T18:00:00Z'),
      options: { commentModeration: 'closed' }
    });
    await waitForIdleQueues(a.app);
    const activity = await mastodonActivity('mastodon-post-activity.json', { inReplyTo: closed.apId });
    expect(await changesOnA(() => sendAsMastodon(activity))).toEqual([]);
  });

  it('waits for the organizers when the event’s comments are moderated', async () => {
    const moderated = await a.app.services.events.createEvent(rose.user.id, {
      organizerActorId: rose.profile.id,
      title: 'Assemblée',
      beginsOn: new Date('2031-10-02T18:00:00Z'),
      options: { commentModeration: 'moderated' }
    });
    const activity = await mastodonActivity('mastodon-post-activity.json', { inReplyTo: moderated.apId });
    await sendAsMastodon(activity);
    const status = (activity.object as Json).id as string;
    const rows = await waitFor(
      () =>
        q<{ visibility: string }>(a, `select visibility from comments where ap_id = $1`, [status]).then((r) =>
          r.length ? r : undefined
        ),
      { what: 'the held reply' }
    );
    expect(rows).toEqual([{ visibility: 'moderated' }]);
    expect(await commentsOn(a, moderated.uuid)).toEqual([]);
  });

  it('an Update of the organizer’s comment from Mastodon changes nothing (A’s own copy is fetched, not its author)', async () => {
    const [mine] = await q<{ ap_id: string }>(a, `select ap_id from comments where local and event_id = $1 limit 1`, [
      event.id
    ]);
    const changes = await changesOnA(() =>
      sendAsMastodon({
        '@context': AS,
        id: `${mastodon.actor}/updates/${randomUUID()}`,
        type: 'Update',
        actor: mastodon.actor,
        object: {
          type: 'Note',
          id: mine!.ap_id,
          attributedTo: mastodon.actor,
          inReplyTo: event.apId,
          content: '<p>HIJACKED</p>',
          to: [PUBLIC],
          updated: new Date(Date.now() + 60_000).toISOString()
        }
      })
    );
    expect(changes).toEqual([]);
    expect(await q(a, `select 1 from comments where text like '%HIJACKED%'`)).toEqual([]);
  });

  it('a Delete of a Mastodon reply by its author leaves a tombstone; by someone else, nothing', async () => {
    const activity = await mastodonActivity('mastodon-post-activity.json', { inReplyTo: event.apId });
    await sendAsMastodon(activity);
    const status = (activity.object as Json).id as string;
    await waitFor(() => q(a, `select 1 from comments where ap_id = $1`, [status]).then((r) => r.length > 0));
    const byBea = await changesOnA(async () =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${b.baseUrl}/@bea/delete/${randomUUID()}`,
          type: 'Delete',
          actor: `${b.baseUrl}/@bea`,
          object: status
        },
        await localActorKey(b.app, 'bea')
      )
    );
    expect(byBea).toEqual([]);
    // Mastodon's Delete (mastodon-delete.json): a Tombstone with the status's id.
    const byAuthor = await changesOnA(() =>
      sendAsMastodon({
        '@context': AS,
        id: `${status}#delete`,
        type: 'Delete',
        actor: mastodon.actor,
        object: { type: 'Tombstone', id: status, atomUri: status }
      })
    );
    // The comment becomes a tombstone, its id is remembered as gone, and nothing leaves (not ours).
    expect(byAuthor.map((line) => line.split(':')[0]).sort()).toEqual(['comments', 'domain_events', 'tombstones']);
    expect(await q(a, `select former_type from tombstones where ap_id = $1`, [status])).toEqual([
      { former_type: 'Note' }
    ]);
    expect(
      await q(a, `select text, deleted_at is not null as deleted from comments where ap_id = $1`, [status])
    ).toEqual([{ text: null, deleted: true }]);
  });
});
