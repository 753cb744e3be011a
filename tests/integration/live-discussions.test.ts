import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { REPLY } from '../helpers/discussions.ts';
import { groupBy, person, withRole } from '../helpers/groups.ts';
import { hasMobilizonCorpus, operationsDir } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

interface Update {
  discussionCommentChanged: { id: string; lastComment: { text: string; actor: { id: string } } | null } | null;
}

/** A GraphQL subscription over server-sent events, read one message at a time. */
async function subscribe(token: string, query: string, variables: Record<string, unknown>) {
  const response = await t.app.handle(
    new Request(`${t.baseUrl}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables })
    })
  );
  if (!response) throw new Error('no response');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<{ data?: Update; errors?: { message: string }[] }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (/^event: next$/m.test(message) && data) return JSON.parse(data);
          if (/^event: complete$/m.test(message)) throw new Error('subscription completed');
          continue;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error('stream ended');
        buffer += chunk.value;
      }
    },
    close: () => reader.cancel()
  };
}

/** Mobilizon's (unnamed) discussionCommentChanged subscription, with the fragment it uses. */
function mobilizonSubscription(): string {
  const parsed = parse(readFileSync(join(operationsDir, 'discussion.graphql'), 'utf8'));
  const definitions = parsed.definitions.filter(
    (d) =>
      (d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription') ||
      (d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === 'ActorFragment')
  );
  return print({ kind: Kind.DOCUMENT, definitions });
}

const OURS = `subscription($slug: String!) { discussionCommentChanged(slug: $slug) {
  id lastComment { text actor { id } } } }`;

describe('discussionCommentChanged', () => {
  it('tells members of each reply as it is committed; refuses others', async () => {
    const admin = await person(t.app);
    const member = await person(t.app);
    const outsider = await person(t.app);
    const group = await groupBy(t.app, admin);
    await withRole(t.app, group, member.profile, 'member');
    const discussion = await t.app.services.discussions.create(
      { userId: admin.user.id, actorId: admin.profile.id },
      { groupId: group.id, title: 'Live', text: '<p>Hello</p>' }
    );
    const query = hasMobilizonCorpus() ? mobilizonSubscription() : OURS;
    const live = await subscribe(member.client.accessToken, query, { slug: discussion.slug });
    await new Promise((r) => setTimeout(r, 200));
    await admin.client.query(REPLY, { discussionId: String(discussion.id), text: '<p>First reply</p>' });
    expect((await live.next()).data?.discussionCommentChanged).toMatchObject({
      id: String(discussion.id),
      lastComment: { text: '<p>First reply</p>', actor: { id: String(admin.profile.id) } }
    });
    await member.client.query(REPLY, { discussionId: String(discussion.id), text: '<p>Second</p>' });
    expect((await live.next()).data?.discussionCommentChanged?.lastComment?.text).toBe('<p>Second</p>');
    await live.close();

    const spying = await subscribe(outsider.client.accessToken, OURS, { slug: discussion.slug });
    const refused = await spying.next();
    expect(refused.data?.discussionCommentChanged ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toBe('Discussion not found');
  });
});
