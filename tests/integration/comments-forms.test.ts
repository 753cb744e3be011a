import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { loadEventComments } from '#lib/api/comments.ts';
import { htmlToPlainText } from '#lib/api/events.ts';
import { comments } from '#lib/server/db/schema/comments.ts';
import { actions } from '../../src/routes/events/[uuid]/comments/+page.server.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';

/**
 * The event page's comment forms, as a browser without JavaScript posts them: the route's actions
 * run against the real API (their `fetch` reaches the app in-process).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

type ActionEvent = Parameters<(typeof actions)['create']>[0];

function requestEvent(uuid: string, token: string | undefined, fields: Record<string, string> = {}) {
  const base = t.app.config.publicUrl;
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const fetch = (path: string | URL | Request, init?: RequestInit) =>
    t.app.handle(new Request(new URL(String(path), base), init), '198.18.7.7') as Promise<Response>;
  return {
    params: { uuid },
    url: new URL(`${base}/events/${uuid}/comments`),
    request: new Request(`${base}/events/${uuid}/comments`, { method: 'POST', body }),
    locals: { accessToken: token },
    cookies: { get: () => undefined, set: () => {}, delete: () => {} },
    fetch
  } as unknown as ActionEvent;
}

/** Runs an action; returns where it redirected, or what it answered. */
async function post(name: keyof typeof actions, event: ActionEvent) {
  try {
    return { answer: await actions[name]!(event) };
  } catch (thrown) {
    if (isRedirect(thrown)) return { redirect: thrown.location, status: thrown.status };
    throw thrown;
  }
}

async function setUp() {
  const organizer = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title: 'Picnic',
    beginsOn: new Date('2031-06-01T10:00:00Z')
  });
  const ann = await createUserWithProfile(t.app);
  const annToken = (await clientAs(t.app, ann.email, ann.password)).accessToken;
  const organizerToken = (await clientAs(t.app, organizer.email, organizer.password)).accessToken;
  return { event, annToken, organizerToken };
}

const rows = (eventId: number) =>
  t.app.database.db.select().from(comments).where(eq(comments.eventId, eventId)).orderBy(comments.id);

describe('comment forms without JavaScript', () => {
  it('posts, replies, edits and deletes, each time back to the comments', async () => {
    const { event, annToken, organizerToken } = await setUp();
    const back = { redirect: `/events/${event.uuid}#comments`, status: 303 };

    expect(
      await post('create', requestEvent(event.uuid, annToken, { eventId: String(event.id), text: 'Hi <all>\n\nBye' }))
    ).toEqual(back);
    const [root] = await rows(event.id);
    // The form's plain text is escaped and split into paragraphs, never read as HTML.
    expect(root?.text).toBe('<p>Hi &lt;all&gt;</p><p>Bye</p>');
    expect(htmlToPlainText(root!.text!)).toBe('Hi <all>\n\nBye');

    expect(
      await post(
        'reply',
        requestEvent(event.uuid, organizerToken, {
          eventId: String(event.id),
          inReplyToId: String(root!.id),
          text: 'Welcome'
        })
      )
    ).toEqual(back);
    expect(
      await post('update', requestEvent(event.uuid, annToken, { commentId: String(root!.id), text: 'Hello' }))
    ).toEqual(back);
    const [edited, reply] = await rows(event.id);
    expect(edited?.text).toBe('<p>Hello</p>');
    expect(reply).toMatchObject({ text: '<p>Welcome</p>', originCommentId: root!.id, inReplyToId: root!.id });

    // The page's load shows the thread to anyone.
    const loaded = await loadEventComments(requestEvent(event.uuid, undefined), event.uuid);
    expect(loaded.moderation).toBe('ALLOW_ALL');
    expect(loaded.threads.map((c) => [c.text, c.totalReplies, c.replies.map((r) => r.text)])).toEqual([
      ['<p>Hello</p>', 1, ['<p>Welcome</p>']]
    ]);

    // The organizer removes Ann's comment; its reply stays.
    expect(await post('delete', requestEvent(event.uuid, organizerToken, { commentId: String(root!.id) }))).toEqual(
      back
    );
    const after = await loadEventComments(requestEvent(event.uuid, undefined), event.uuid);
    expect(after.threads[0]).toMatchObject({ text: null, actor: null });
    expect(after.threads[0]?.replies.map((r) => r.text)).toEqual(['<p>Welcome</p>']);
  });

  it('answers a refusal with its reason, and sends signed-out visitors to sign in', async () => {
    const { event, annToken, organizerToken } = await setUp();
    const empty = await post('create', requestEvent(event.uuid, annToken, { eventId: String(event.id), text: '  ' }));
    expect(isActionFailure(empty.answer)).toBe(true);
    expect(empty.answer).toMatchObject({ status: 400, data: { commentError: 'comments.error.empty' } });

    await post('create', requestEvent(event.uuid, organizerToken, { eventId: String(event.id), text: 'Mine' }));
    const [theirs] = await rows(event.id);
    const forbidden = await post(
      'update',
      requestEvent(event.uuid, annToken, { commentId: String(theirs!.id), text: 'x' })
    );
    expect(forbidden.answer).toMatchObject({ status: 400, data: { commentError: 'comments.error.forbidden' } });
    const refused = await post('delete', requestEvent(event.uuid, annToken, { commentId: String(theirs!.id) }));
    expect(refused.answer).toMatchObject({ data: { commentError: 'comments.error.forbidden' } });

    const anonymous = await post(
      'create',
      requestEvent(event.uuid, undefined, { eventId: String(event.id), text: 'Hi' })
    );
    expect(anonymous.redirect).toBe(`/login?redirect=${encodeURIComponent(`/events/${event.uuid}`)}`);
    expect((await rows(event.id)).map((r) => r.text)).toEqual(['<p>Mine</p>']);
  });
});
