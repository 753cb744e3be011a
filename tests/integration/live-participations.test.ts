import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const SUBSCRIPTION = `subscription($actorId: ID!, $eventId: ID!) {
  eventPersonParticipationChanged(personId: $actorId) { id participations(eventId: $eventId) { total elements { role } } }
}`;

interface Update {
  eventPersonParticipationChanged: { id: string; participations: { total: number; elements: { role: string }[] } };
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
    response,
    /** The next `next` message's payload (comments and keep-alives skipped). */
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

async function approvalEvent() {
  const rose = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(rose.user.id, {
    organizerActorId: rose.profile.id,
    title: 'Seed swap',
    beginsOn: new Date(Date.UTC(new Date().getUTCFullYear() + 1, 3, 11, 16)),
    joinOptions: 'restricted'
  });
  const guest = await createUserWithProfile(t.app);
  return {
    event,
    rose: { ...rose, client: await clientAs(t.app, rose.email, rose.password) },
    guest: { ...guest, client: await clientAs(t.app, guest.email, guest.password) }
  };
}

describe('eventPersonParticipationChanged', () => {
  it('tells a profile of its request, then of the approval, as they are committed', async () => {
    const { event, rose, guest } = await approvalEvent();
    const live = await subscribe(guest.client.accessToken, SUBSCRIPTION, {
      actorId: String(guest.profile.id),
      eventId: String(event.id)
    });
    expect(live.response.headers.get('content-type')).toContain('text/event-stream');

    const joined = await guest.client.query<{ joinEvent: { id: string } }>(
      'mutation($e: ID!, $a: ID!) { joinEvent(eventId: $e, actorId: $a) { id } }',
      { e: String(event.id), a: String(guest.profile.id) }
    );
    expect(joined.errors).toBeUndefined();
    const first = await live.next();
    expect(first.data?.eventPersonParticipationChanged).toEqual({
      id: String(guest.profile.id),
      participations: { total: 1, elements: [{ role: 'NOT_APPROVED' }] }
    });

    const approved = await rose.client.query(
      'mutation($id: ID!) { updateParticipation(id: $id, role: PARTICIPANT) { id role } }',
      { id: joined.data!.joinEvent.id }
    );
    expect(approved.errors).toBeUndefined();
    expect((await live.next()).data?.eventPersonParticipationChanged.participations.elements).toEqual([
      { role: 'PARTICIPANT' }
    ]);
    await live.close();
  });

  it("refuses to follow someone else's profile, and signed-out visitors", async () => {
    const { event, rose, guest } = await approvalEvent();
    const spying = await subscribe(rose.client.accessToken, SUBSCRIPTION, {
      actorId: String(guest.profile.id),
      eventId: String(event.id)
    });
    const refused = await spying.next();
    expect(refused.data?.eventPersonParticipationChanged ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toBe('This profile is not one of yours');

    const response = await t.app.handle(
      new Request(`${t.baseUrl}/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: SUBSCRIPTION, variables: { actorId: String(guest.profile.id), eventId: '1' } })
      })
    );
    expect(await response!.text()).toContain('You need to be logged in');
  });

  it.runIf(hasMobilizonCorpus())("runs Mobilizon's EventPersonParticipationSubscriptionChanged document", async () => {
    const { event, guest } = await approvalEvent();
    const live = await subscribe(
      guest.client.accessToken,
      mobilizonOperation('EventPersonParticipationSubscriptionChanged').source,
      {
        actorId: String(guest.profile.id),
        eventId: String(event.id)
      }
    );
    await guest.client.query('mutation($e: ID!, $a: ID!) { joinEvent(eventId: $e, actorId: $a) { id } }', {
      e: String(event.id),
      a: String(guest.profile.id)
    });
    const update = (await live.next()) as unknown as {
      data: {
        eventPersonParticipationChanged: {
          id: string;
          participations: { elements: { role: string; event: { id: string } }[] };
        };
      };
    };
    expect(update.data.eventPersonParticipationChanged.participations.elements).toEqual([
      expect.objectContaining({ role: 'NOT_APPROVED', event: { id: String(event.id) } })
    ]);
    await live.close();
  });
});
