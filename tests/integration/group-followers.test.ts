import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '#lib/server/db/schema/accounts.ts';
import { actors, follows, type Actor } from '#lib/server/db/schema/actors.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';
import { capturedMails, mailTo } from '../helpers/mail.ts';
import { mailText } from '../helpers/mail-text.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false });
});
afterAll(() => t?.stop());

const FOLLOW = `mutation($groupId: ID!, $notify: Boolean) { followGroup(groupId: $groupId, notify: $notify) {
  id approved notify actor { id } targetActor { id } } }`;
const UNFOLLOW = `mutation($groupId: ID!) { unfollowGroup(groupId: $groupId) { id } }`;
const UPDATE_FOLLOW = `mutation($followId: ID!, $notify: Boolean) {
  updateGroupFollow(followId: $followId, notify: $notify) { id notify } }`;
const DECIDE = `mutation($id: ID!, $approved: Boolean!) { updateFollower(id: $id, approved: $approved) {
  id approved actor { id } } }`;
const FOLLOWERS = `query($name: String!, $approved: Boolean) { group(preferredUsername: $name) {
  followers(approved: $approved) { total elements { id approved notify actor { id } } } } }`;
const MY_FOLLOWS = `query($group: String) { loggedPerson { follows(group: $group) {
  total elements { id notify approved targetActor { id } } } } }`;
const CREATE_EVENT = `mutation($organizerActorId: ID!, $attributedToId: ID, $title: String!, $draft: Boolean,
  $visibility: EventVisibility) {
  createEvent(organizerActorId: $organizerActorId, attributedToId: $attributedToId, title: $title,
    description: "<p>All welcome</p>", beginsOn: "2036-06-01T16:00:00Z", draft: $draft, visibility: $visibility) {
    id uuid } }`;
const PUBLISH = `mutation($eventId: ID!) { updateEvent(eventId: $eventId, draft: false) { id draft } }`;

interface Followed {
  followGroup: { id: string; approved: boolean; notify: boolean; actor: { id: string }; targetActor: { id: string } };
}
type FollowersPage = { group: { followers: { total: number; elements: { id: string; approved: boolean }[] } } };

async function manualGroup(creator: TestPerson, manual: boolean): Promise<Actor> {
  const group = await groupBy(t.app, creator, { openness: 'open' });
  await t.app.database.db.update(actors).set({ manuallyApprovesFollowers: manual }).where(eq(actors.id, group.id));
  return { ...group, manuallyApprovesFollowers: manual };
}

describe('following a group', () => {
  it('follows, changes notify, lists, and unfollows a group that needs no approval', async () => {
    const creator = await person(t.app);
    const group = await manualGroup(creator, false);
    const ann = await person(t.app);
    const res = await ann.client.query<Followed>(FOLLOW, { groupId: String(group.id) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.followGroup).toMatchObject({
      approved: true,
      notify: true,
      actor: { id: String(ann.profile.id) },
      targetActor: { id: String(group.id) }
    });
    const followId = res.data!.followGroup.id;
    const again = await ann.client.query(FOLLOW, { groupId: String(group.id) });
    expect(again.errors?.[0]?.code).toBe('validation');

    const quiet = await ann.client.query<{ updateGroupFollow: { notify: boolean } }>(UPDATE_FOLLOW, {
      followId,
      notify: false
    });
    expect(quiet.data?.updateGroupFollow.notify).toBe(false);
    const stranger = await person(t.app);
    const notTheirs = await stranger.client.query(UPDATE_FOLLOW, { followId, notify: true });
    expect(notTheirs.errors?.[0]?.code).toBe('not_found');

    const mine = await ann.client.query<{ loggedPerson: { follows: { total: number; elements: unknown[] } } }>(
      MY_FOLLOWS,
      { group: group.preferredUsername }
    );
    expect(mine.data!.loggedPerson.follows).toEqual({
      total: 1,
      elements: [{ id: followId, notify: false, approved: true, targetActor: { id: String(group.id) } }]
    });

    const gone = await ann.client.query<{ unfollowGroup: { id: string } }>(UNFOLLOW, { groupId: String(group.id) });
    expect(gone.data?.unfollowGroup.id).toBe(followId);
    const twice = await ann.client.query(UNFOLLOW, { groupId: String(group.id) });
    expect(twice.errors?.[0]?.code).toBe('not_found');
    const anonymous = await gql(t.app, FOLLOW, { groupId: String(group.id) });
    expect(anonymous.errors?.[0]?.code).toBe('unauthenticated');
  });

  it('waits for approval when the group asks for it; its moderators approve or refuse', async () => {
    const creator = await person(t.app);
    const group = await manualGroup(creator, true);
    const [moderator, member, outsider, ann, bob] = await Promise.all([1, 2, 3, 4, 5].map(() => person(t.app)));
    await withRole(t.app, group, moderator!.profile, 'moderator');
    await withRole(t.app, group, member!.profile, 'member');
    const annFollow = await ann!.client.query<Followed>(FOLLOW, { groupId: String(group.id), notify: true });
    const bobFollow = await bob!.client.query<Followed>(FOLLOW, { groupId: String(group.id) });
    expect(annFollow.data!.followGroup.approved).toBe(false);

    for (const [who, allowed] of [
      [null, false],
      [outsider!, false],
      [ann!, false],
      [member!, false],
      [moderator!, true],
      [creator, true]
    ] as const) {
      const res = who
        ? await who.client.query<FollowersPage>(FOLLOWERS, { name: group.preferredUsername, approved: false })
        : await gql<FollowersPage>(t.app, FOLLOWERS, { name: group.preferredUsername, approved: false });
      if (allowed) expect(res.data?.group.followers.total).toBe(2);
      else expect(res.errors?.[0]?.code).toBe('unauthorized');
    }

    const byMember = await member!.client.query(DECIDE, { id: annFollow.data!.followGroup.id, approved: true });
    expect(byMember.errors?.[0]?.code).toBe('unauthorized');
    const approved = await moderator!.client.query<{ updateFollower: { approved: boolean; actor: { id: string } } }>(
      DECIDE,
      { id: annFollow.data!.followGroup.id, approved: true }
    );
    expect(approved.data?.updateFollower).toMatchObject({ approved: true, actor: { id: String(ann!.profile.id) } });
    const refused = await moderator!.client.query<{ updateFollower: { id: string } }>(DECIDE, {
      id: bobFollow.data!.followGroup.id,
      approved: false
    });
    expect(refused.data?.updateFollower.id).toBe(bobFollow.data!.followGroup.id);
    const left = await moderator!.client.query<FollowersPage>(FOLLOWERS, { name: group.preferredUsername });
    expect(left.data!.group.followers.elements.map((f) => [f.id, f.approved])).toEqual([
      [annFollow.data!.followGroup.id, true]
    ]);
    const remaining = await t.app.database.db.select().from(follows).where(eq(follows.targetId, group.id));
    expect(remaining.map((f) => f.followerId)).toEqual([ann!.profile.id]);
  });

  it('refuses to follow a profile', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const res = await ann.client.query(FOLLOW, { groupId: String(bob.profile.id) });
    expect(res.errors?.[0]?.code).toBe('not_found');
  });
});

describe('follows across servers', () => {
  const remote = (type: 'Person' | 'Group', name: string) =>
    t.app.services.actors.upsertRemoteActor({
      type,
      apId: `https://groups.invalid/@${name}`,
      preferredUsername: name,
      domain: 'groups.invalid',
      inboxUrl: `https://groups.invalid/@${name}/inbox`,
      sharedInboxUrl: null
    });
  const facts = async (type: string, followId: number) =>
    (await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, type))).filter(
      (e) => (e.payload as { followId?: number }).followId === followId
    );

  it('takes a remote follow of a local group, waiting for a moderator when the group asks for it', async () => {
    const creator = await person(t.app);
    const open = await manualGroup(creator, false);
    const manual = await manualGroup(creator, true);
    const fan = await remote('Person', `fan${Date.now()}`);
    const direct = await t.app.services.follows.receiveFollow({
      followerId: fan.id,
      targetId: open.id,
      apId: `https://groups.invalid/follows/${open.id}`
    });
    expect(direct).toMatchObject({ refused: null, follow: { approved: true } });
    const waiting = await t.app.services.follows.receiveFollow({
      followerId: fan.id,
      targetId: manual.id,
      apId: `https://groups.invalid/follows/${manual.id}`
    });
    expect(waiting).toMatchObject({ refused: null, follow: { approved: false } });
    const res = await creator.client.query<{ updateFollower: { approved: boolean } }>(DECIDE, {
      id: String(waiting.follow!.id),
      approved: true
    });
    expect(res.data?.updateFollower.approved).toBe(true);
    expect(await facts('FollowAccepted', waiting.follow!.id)).toHaveLength(1);
  });

  it('sends the Follow of a remote group and waits for its Accept', async () => {
    const group = await remote('Group', `club${Date.now()}`);
    const ann = await person(t.app);
    const res = await ann.client.query<Followed>(FOLLOW, { groupId: String(group.id) });
    expect(res.data?.followGroup.approved).toBe(false);
    const followId = Number(res.data!.followGroup.id);
    expect(await facts('FollowRequested', followId)).toHaveLength(1);
    const [row] = await t.app.database.db.select().from(follows).where(eq(follows.id, followId));
    expect(await t.app.services.follows.markAccepted({ followApId: row!.apId, targetId: group.id })).toBe(true);
    const mine = await ann.client.query<{ loggedPerson: { follows: { elements: { approved: boolean }[] } } }>(
      MY_FOLLOWS,
      { group: `${group.preferredUsername}@groups.invalid` }
    );
    expect(mine.data!.loggedPerson.follows.elements).toEqual([expect.objectContaining({ approved: true })]);
  });
});

describe("telling followers of a group's new events", () => {
  it('mails followers who asked, in their language, for public events only', async () => {
    const creator = await person(t.app);
    const group = await manualGroup(creator, true);
    const moderator = await person(t.app);
    await withRole(t.app, group, moderator.profile, 'moderator');
    const [fr, quiet, pending, optedOut, member] = await Promise.all([1, 2, 3, 4, 5].map(() => person(t.app)));
    await t.app.database.db.update(users).set({ locale: 'fr' }).where(eq(users.id, fr!.user.id));
    for (const [p, notify] of [
      [fr!, true],
      [quiet!, false],
      [pending!, true],
      [optedOut!, true]
    ] as const) {
      const res = await p.client.query<Followed>(FOLLOW, { groupId: String(group.id), notify });
      if (p !== pending) await moderator.client.query(DECIDE, { id: res.data!.followGroup.id, approved: true });
    }
    await withRole(t.app, group, member!.profile, 'member');
    await optedOut!.client.query(
      `mutation { updateActivitySetting(key: "event_created", method: "email", enabled: false) { key } }`
    );

    const create = (title: string, fields: { draft?: boolean; visibility?: string } = {}) =>
      moderator.client.query<{ createEvent: { id: string; uuid: string } }>(CREATE_EVENT, {
        organizerActorId: String(moderator.profile.id),
        attributedToId: String(group.id),
        title,
        draft: fields.draft ?? false,
        visibility: fields.visibility ?? 'PUBLIC'
      });
    const draft = await create('Draft picnic', { draft: true });
    await create('Members-only picnic', { visibility: 'PRIVATE' });
    await create('Unlisted picnic', { visibility: 'UNLISTED' });
    const open = await create('Riverside picnic');
    expect(open.errors).toBeUndefined();

    const first = mailText(await mailTo(t.dataDir, fr!.email));
    expect(first.subject).toContain('a publié un nouvel événement : Riverside picnic');
    expect(first.subject).toContain('Neighbourhood association');
    expect(first.text).toContain(`${t.app.config.publicUrl}/events/${open.data!.createEvent.uuid}`);

    // Publishing the draft tells them too; nothing else was ever mailed.
    await moderator.client.query(PUBLISH, { eventId: draft.data!.createEvent.id });
    const second = mailText(await mailTo(t.dataDir, fr!.email, 2));
    expect(second.subject).toContain('Draft picnic');
    await new Promise((r) => setTimeout(r, 1500));
    const mails = await capturedMails(t.dataDir);
    for (const p of [quiet!, pending!, optedOut!, member!, moderator, creator]) {
      expect(
        mails.filter((m) => m.to === p.email && !/invit|membre|member/i.test(m.subject)),
        p.email
      ).toEqual([]);
    }
    expect(mails.filter((m) => m.to === fr!.email)).toHaveLength(2);
    const told = await t.app.database.db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.type, 'GroupEventPublished'));
    expect(told.filter((e) => (e.payload as { groupId: number }).groupId === group.id)).toHaveLength(2);
  });
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's followers documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;

  it('runs FollowGroup, UpdateGroupFollow, GroupFollowers, UpdateFollower and UnfollowGroup', async () => {
    const creator = await person(t.app);
    const group = await manualGroup(creator, true);
    const ann = await person(t.app);
    const followed = await ann.client.query<{ followGroup: { id: string } }>(op('FollowGroup'), {
      groupId: String(group.id),
      notify: true
    });
    expect(followed.errors).toBeUndefined();
    const followId = followed.data!.followGroup.id;
    const updated = await ann.client.query<{ updateGroupFollow: { id: string; notify: boolean } }>(
      op('UpdateGroupFollow'),
      { followId, notify: false }
    );
    expect(updated.data?.updateGroupFollow).toEqual({ id: followId, notify: false });

    const listed = await creator.client.query<{
      group: { preferredUsername: string; followers: { total: number; elements: { id: string; approved: boolean }[] } };
    }>(op('GroupFollowers'), { name: group.preferredUsername, followersPage: 1, followersLimit: 10, approved: false });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.group.followers).toMatchObject({ total: 1, elements: [{ id: followId, approved: false }] });

    const decided = await creator.client.query<{
      updateFollower: { id: string; approved: boolean; actor: { preferredUsername: string } };
    }>(op('UpdateFollower'), { id: followId, approved: true });
    expect(decided.data?.updateFollower).toEqual({
      id: followId,
      approved: true,
      actor: { id: String(ann.profile.id), preferredUsername: ann.profile.preferredUsername }
    });

    const left = await ann.client.query<{ unfollowGroup: { id: string } }>(op('UnfollowGroup'), {
      groupId: String(group.id)
    });
    expect(left.data?.unfollowGroup.id).toBe(followId);
  });
});
