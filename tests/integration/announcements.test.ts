import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '#lib/server/db/schema/accounts.ts';
import { comments, conversations } from '#lib/server/db/schema/comments.ts';
import { participants } from '#lib/server/db/schema/participants.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { capturedMails, type CapturedMail } from '../helpers/mail.ts';
import { waitFor } from '../helpers/wait.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const SEND = `mutation($eventId: ID!, $actorId: ID!, $text: String!, $roles: [ParticipantRoleEnum], $language: String) {
  sendEventPrivateMessage(eventId: $eventId, actorId: $actorId, text: $text, roles: $roles, language: $language) {
    id unread conversationParticipantId actor { id } event { id title }
    originComment { text isAnnouncement visibility language }
    participants { id }
  } }`;
type Sent = {
  sendEventPrivateMessage: {
    id: string;
    unread: boolean;
    conversationParticipantId: string;
    actor: { id: string };
    event: { id: string; title: string };
    originComment: { text: string; isAnnouncement: boolean; visibility: string; language: string };
    participants: { id: string }[];
  } | null;
};

const bytesToUtf8 = (bytes: number[]) => new TextDecoder().decode(new Uint8Array(bytes));

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded[i] === '=' ? /^[0-9A-F]{2}$/i.exec(unfolded.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(unfolded[i]!));
  }
  return bytesToUtf8(bytes);
}

/** The decoded subject and text/html parts of a captured message (enough MIME for our own mails). */
function readMail(mail: CapturedMail): { to: string; subject: string; text: string; html: string } {
  const [head = '', ...rest] = mail.raw.split(/\r?\n\r?\n/);
  const unfoldedHead = head.replace(/\r?\n[ \t]+/g, ' ');
  const rawSubject = /^Subject: (.*)$/im.exec(unfoldedHead)?.[1] ?? '';
  const subject = rawSubject
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_w, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' '))
    );
  const body = rest.join('\n\n');
  const part = (type: string) => {
    const match = new RegExp(
      `Content-Type: ${type}[^\\n]*\\n(?:[^\\n]+\\n)*?Content-Transfer-Encoding: (\\S+)\\s*\\n\\n([\\s\\S]*?)\\n--`,
      'i'
    ).exec(body.replace(/\r\n/g, '\n'));
    if (!match) return '';
    const [, encoding, content = ''] = match;
    return encoding?.toLowerCase() === 'base64'
      ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
      : decodeQuotedPrintable(content);
  };
  return { to: mail.to, subject, text: part('text/plain'), html: part('text/html') };
}

/** Who received an announcement with this text (other mails, such as approvals, are left out). */
async function announcedTo(text: string): Promise<string[]> {
  return (await capturedMails(t.dataDir)).filter((m) => readMail(m).text.includes(text)).map((m) => m.to);
}

/** Waits for the announcement carrying `text` to reach `to`, and reads it. */
function announcement(to: string, text: string) {
  return waitFor(
    async () => (await capturedMails(t.dataDir)).map(readMail).find((m) => m.to === to && m.text.includes(text)),
    { what: `announcement to ${to}` }
  );
}

async function setLocale(userId: number, locale: string) {
  await t.app.database.db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** An approval event with participants in three languages, a pending request, a rejected one and an anonymous one. */
async function eventWithAudience() {
  const organizer = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title: 'Repair café',
    beginsOn: new Date('2030-03-01T14:00:00Z'),
    joinOptions: 'restricted'
  });
  const person = async (locale: string, decision: 'participant' | 'rejected' | null) => {
    const p = await createUserWithProfile(t.app);
    await setLocale(p.user.id, locale);
    const participation = await t.app.services.participation.join(p.user.id, {
      eventId: event.id,
      actorId: p.profile.id
    });
    if (decision)
      await t.app.services.participation.updateRole(organizer.user.id, {
        participantId: participation.id,
        role: decision
      });
    return p;
  };
  const english = await person('en', 'participant');
  const french = await person('fr', 'participant');
  const arabic = await person('ar', 'participant');
  const pending = await person('en', null);
  const rejected = await person('fr', 'rejected');
  const instanceActor = await t.app.services.queries.actors.instanceActor();
  const anonymousEmail = `anon-${event.id}@example.org`;
  await t.app.database.db.insert(participants).values({
    eventId: event.id,
    actorId: instanceActor!.id,
    role: 'participant',
    apId: `${t.app.config.publicUrl}/join/event/anonymous-${event.id}`,
    metadata: { email: anonymousEmail, locale: 'fr' }
  });
  return { organizer, event, english, french, arabic, pending, rejected, anonymousEmail };
}

const XSS =
  '<p>Bring <strong>tools</strong>!</p><script>alert(1)</script><img src="x" onerror="alert(2)">' +
  '<a href="javascript:alert(3)">click</a><svg onload="alert(4)"></svg>';

describe('announcements to participants', () => {
  it('stores a private conversation and mails each participant in their language, sanitized', async () => {
    const a = await eventWithAudience();
    const me = await clientAs(t.app, a.organizer.email, a.organizer.password);
    const sent = await me.query<Sent>(SEND, {
      eventId: String(a.event.id),
      actorId: String(a.organizer.profile.id),
      text: XSS,
      language: 'en'
    });
    expect(sent.errors).toBeUndefined();
    const conversation = sent.data!.sendEventPrivateMessage!;
    expect(conversation).toMatchObject({
      unread: false,
      actor: { id: String(a.organizer.profile.id) },
      event: { id: String(a.event.id), title: 'Repair café' },
      originComment: { isAnnouncement: true, visibility: 'PRIVATE', language: 'en' }
    });
    const stored = conversation.originComment.text;
    expect(stored).toContain('<strong>tools</strong>');
    for (const bad of ['<script', 'onerror', 'javascript:', '<svg', 'onload']) expect(stored).not.toContain(bad);
    // The sender and the participants proper (the anonymous ones share one profile); not the others.
    const ids = conversation.participants.map((p) => p.id).sort();
    expect(ids).toContain(String(a.organizer.profile.id));
    expect(ids).toContain(String(a.french.profile.id));
    expect(ids).not.toContain(String(a.pending.profile.id));
    expect(ids).not.toContain(String(a.rejected.profile.id));

    const [row] = await t.app.database.db
      .select()
      .from(comments)
      .where(eq(comments.conversationId, Number(conversation.id)));
    expect(row).toMatchObject({ isAnnouncement: true, visibility: 'private', eventId: a.event.id });
    // An announcement is not one of the event's public comment threads, even for its organizer.
    const threads = await me.query<{ event: { comments: unknown[] } }>(
      'query($uuid: UUID!) { event(uuid: $uuid) { comments { id } } }',
      { uuid: a.event.uuid }
    );
    expect(threads.data?.event.comments).toEqual([]);

    const english = await announcement(a.english.email, 'Bring tools!');
    expect(english.subject).toBe('Message from the organizers of “Repair café”');
    expect(english.text).toContain('Bring tools!');
    expect(english.text).toContain(`/events/${a.event.uuid}`);
    expect(english.html).toContain('<strong>tools</strong>');
    for (const bad of ['<script', 'onerror', 'javascript:', '<svg', 'onload']) expect(english.html).not.toContain(bad);

    const french = await announcement(a.french.email, 'Bring tools!');
    expect(french.subject).toBe('Message des organisateur·ices de « Repair café »');
    expect(french.text).toContain('envoie ce message aux participant·es');
    const arabic = await announcement(a.arabic.email, 'Bring tools!');
    expect(arabic.subject).toBe('رسالة من منظّمي «Repair café»');
    expect(arabic.html).toContain('dir="rtl"');
    const anonymous = await announcement(a.anonymousEmail, 'Bring tools!');
    expect(anonymous.subject).toContain('Message des organisateur·ices');

    // One job per recipient, all done: exactly the participants got it, once each; not the pending,
    // the rejected or the organizer.
    await waitFor(
      async () => {
        const { rows } = await t.app.database.pool.query<{ state: string }>(
          "select state from pgboss.job where name = 'announcement-mail.recipient' and (data ->> 'commentId')::bigint = $1",
          [row!.id]
        );
        return rows.length === 4 && rows.every((job) => job.state === 'completed') ? true : undefined;
      },
      { what: 'every announcement job done' }
    );
    const to = await announcedTo('Bring tools!');
    expect(to.sort()).toEqual([a.english.email, a.french.email, a.arabic.email, a.anonymousEmail].sort());
  });

  it('writes to the roles asked for: pending requests only', async () => {
    const a = await eventWithAudience();
    const me = await clientAs(t.app, a.organizer.email, a.organizer.password);
    const sent = await me.query<Sent>(SEND, {
      eventId: String(a.event.id),
      actorId: String(a.organizer.profile.id),
      text: 'Your request is being looked at.',
      roles: ['NOT_APPROVED']
    });
    expect(sent.errors).toBeUndefined();
    const mail = await announcement(a.pending.email, 'Your request is being looked at.');
    expect(mail.text).toContain('Your request is being looked at.');
    const to = await announcedTo('Your request is being looked at.');
    expect(to).toContain(a.pending.email);
    expect(to).not.toContain(a.english.email);
  });

  it('refuses non-organizers, borrowed profiles, anonymous callers and empty text; nothing stored', async () => {
    const a = await eventWithAudience();
    const count = () => t.app.database.db.$count(conversations, eq(conversations.eventId, a.event.id));
    const participant = await clientAs(t.app, a.english.email, a.english.password);
    const vars = { eventId: String(a.event.id), text: 'Hello' };
    const notOrganizer = await participant.query<Sent>(SEND, { ...vars, actorId: String(a.english.profile.id) });
    expect(notOrganizer.errors?.[0]).toMatchObject({ status_code: 403 });
    const borrowed = await participant.query<Sent>(SEND, { ...vars, actorId: String(a.organizer.profile.id) });
    expect(borrowed.errors?.[0]).toMatchObject({ status_code: 403 });
    const nobody = await gql<Sent>(t.app, SEND, { ...vars, actorId: String(a.organizer.profile.id) });
    expect(nobody.errors?.[0]).toMatchObject({ status_code: 401 });

    const me = await clientAs(t.app, a.organizer.email, a.organizer.password);
    for (const text of ['', '   ', '<p> </p>', '<script>alert(1)</script>']) {
      const empty = await me.query<Sent>(SEND, { ...vars, text, actorId: String(a.organizer.profile.id) });
      expect(empty.errors?.[0]).toMatchObject({ status_code: 422, field: 'text' });
    }
    expect(await count()).toBe(0);
  });

  it.skipIf(!hasMobilizonCorpus())(
    "runs Mobilizon's SendEventPrivateMessageMutation and EventConversations for organizers only",
    async () => {
      const a = await eventWithAudience();
      const me = await clientAs(t.app, a.organizer.email, a.organizer.password);
      const sent = await me.query<{ sendEventPrivateMessage: { id: string } }>(
        mobilizonOperation('SendEventPrivateMessageMutation').source,
        {
          eventId: String(a.event.id),
          actorId: String(a.organizer.profile.id),
          text: '<p>See you <em>soon</em></p>',
          roles: ['PARTICIPANT'],
          language: 'en'
        },
        'SendEventPrivateMessageMutation'
      );
      expect(sent.errors).toBeUndefined();
      type Listed = {
        event: {
          title: string;
          conversations: {
            total: number;
            elements: {
              id: string;
              unread: boolean;
              actor: { id: string };
              lastComment: { text: string; isAnnouncement: boolean; actor: { id: string } };
              originComment: { id: string };
              participants: { id: string; preferredUsername: string }[];
              event: { uuid: string; organizerActor: { id: string } };
            }[];
          };
        };
      };
      const doc = mobilizonOperation('EventConversations').source;
      const listed = await me.query<Listed>(doc, { uuid: a.event.uuid, page: 1, limit: 10 }, 'EventConversations');
      expect(listed.errors).toBeUndefined();
      expect(listed.data?.event.conversations.total).toBe(1);
      const [conversation] = listed.data!.event.conversations.elements;
      expect(conversation).toMatchObject({
        id: sent.data!.sendEventPrivateMessage.id,
        unread: false,
        actor: { id: String(a.organizer.profile.id) },
        lastComment: { text: '<p>See you <em>soon</em></p>', isAnnouncement: true },
        event: { uuid: a.event.uuid, organizerActor: { id: String(a.organizer.profile.id) } }
      });
      expect(conversation!.participants.map((p) => p.preferredUsername)).toEqual(
        expect.arrayContaining([a.english.profile.preferredUsername, a.arabic.profile.preferredUsername])
      );

      const participant = await clientAs(t.app, a.english.email, a.english.password);
      const hidden = await participant.query<Listed>(doc, { uuid: a.event.uuid }, 'EventConversations');
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data?.event.conversations).toEqual({ total: 0, elements: [] });

      // A recipient finds it among their conversations, for the account and for the profile.
      type Mine = { total: number; elements: { id: string; unread: boolean; event: { uuid: string } }[] };
      const mineForUser = await participant.query<{ loggedUser: { conversations: Mine } }>(
        mobilizonOperation('UserConversations').source,
        { page: 1, limit: 10 },
        'UserConversations'
      );
      expect(mineForUser.errors).toBeUndefined();
      expect(mineForUser.data?.loggedUser.conversations).toMatchObject({
        total: 1,
        elements: [{ id: sent.data!.sendEventPrivateMessage.id, unread: true, event: { uuid: a.event.uuid } }]
      });
      const mineForProfile = await participant.query<{ loggedPerson: { conversations: Mine } }>(
        mobilizonOperation('ProfileConversations').source,
        { page: 1, limit: 10 },
        'ProfileConversations'
      );
      expect(mineForProfile.errors).toBeUndefined();
      expect(mineForProfile.data?.loggedPerson.conversations.total).toBe(1);
      // Someone the message was not for sees none.
      const pending = await clientAs(t.app, a.pending.email, a.pending.password);
      const none = await pending.query<{ loggedUser: { conversations: Mine } }>(
        mobilizonOperation('UserConversations').source,
        { page: 1, limit: 10 },
        'UserConversations'
      );
      expect(none.data?.loggedUser.conversations).toEqual({ total: 0, elements: [] });
    }
  );
});
