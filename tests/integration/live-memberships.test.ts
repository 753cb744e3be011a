import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person } from '../helpers/groups.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

type Message = {
  data?: { groupMembershipChanged: { id: string; memberships: { elements: { role: string }[] } } | null };
  errors?: { message: string }[];
};

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
    async next(): Promise<Message> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (/^event: next$/m.test(message) && data) return JSON.parse(data) as Message;
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

const OURS = `subscription($actorId: ID!, $group: String!) { groupMembershipChanged(personId: $actorId, group: $group) {
  id memberships { elements { role } } } }`;

describe('groupMembershipChanged', () => {
  it("tells a profile's owner each time its membership of the group changes", async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann, { openness: 'moderated' });
    const query = hasMobilizonCorpus() ? mobilizonOperation('GroupMembershipSubscriptionChanged').source : OURS;
    const live = await subscribe(bob.client.accessToken, query, {
      actorId: String(bob.profile.id),
      group: group.preferredUsername
    });
    await new Promise((r) => setTimeout(r, 200));
    const asked = await t.app.services.members.join({ userId: bob.user.id, actorId: bob.profile.id }, group.id);
    const first = await live.next();
    expect(first.errors).toBeUndefined();
    expect(first.data!.groupMembershipChanged!.id).toBe(String(bob.profile.id));
    expect(first.data!.groupMembershipChanged!.memberships.elements.map((m) => m.role)).toContain('NOT_APPROVED');
    await t.app.services.members.approve({ userId: ann.user.id, actorId: ann.profile.id }, asked.id);
    const second = await live.next();
    expect(second.data!.groupMembershipChanged!.memberships.elements.map((m) => m.role)).toContain('MEMBER');
    await live.close();
  });

  it('refuses to follow the memberships of a profile that is not yours', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann);
    const live = await subscribe(bob.client.accessToken, OURS, {
      actorId: String(ann.profile.id),
      group: group.preferredUsername
    });
    const message = await live.next();
    expect(message.errors?.[0]?.message).toMatch(/not one of yours/);
    await live.close().catch(() => undefined);
  });
});
