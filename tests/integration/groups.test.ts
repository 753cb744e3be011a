import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actors } from '#lib/server/db/schema/actors.ts';
import { discussions, posts, resources, todoLists } from '#lib/server/db/schema/groups.ts';
import { events } from '#lib/server/db/schema/events.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const CREATE = `mutation($preferredUsername: String!, $name: String!, $summary: String, $visibility: GroupVisibility,
  $openness: Openness, $manuallyApprovesFollowers: Boolean, $physicalAddress: AddressInput) {
  createGroup(preferredUsername: $preferredUsername, name: $name, summary: $summary, visibility: $visibility,
    openness: $openness, manuallyApprovesFollowers: $manuallyApprovesFollowers, physicalAddress: $physicalAddress) {
    id preferredUsername name summary url type visibility openness manuallyApprovesFollowers local domain
    membersCount followersCount physicalAddress { locality } } }`;
const GROUP = `query($name: String!) { group(preferredUsername: $name) {
  id name summary openness visibility membersCount
  members { total elements { role actor { preferredUsername } } } } }`;
const MEMBERS = `query($name: String!, $roles: String) { group(preferredUsername: $name) {
  members(roles: $roles) { total elements { id role actor { id } invitedBy { id } parent { id } } } } }`;

const expectError = (res: { errors?: { code?: string; field?: string | null }[] }, code: string) => {
  expect(res.errors?.[0]?.code, JSON.stringify(res.errors)).toBe(code);
};

describe('creating, changing and deleting groups', () => {
  it('creates a group whose creator is its first member, with its address and rules', async () => {
    const ann = await person(t.app);
    const res = await ann.client.query<{ createGroup: Record<string, unknown> }>(CREATE, {
      preferredUsername: 'climate_lyon',
      name: 'Climate Lyon',
      summary: '<p onclick="x()">We <em>march</em><script>x()</script></p>',
      openness: 'MODERATED',
      visibility: 'UNLISTED',
      manuallyApprovesFollowers: true,
      physicalAddress: { locality: 'Lyon', country: 'France' }
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createGroup).toMatchObject({
      preferredUsername: 'climate_lyon',
      name: 'Climate Lyon',
      summary: '<p>We <em>march</em></p>',
      url: `${t.app.config.publicUrl}/@climate_lyon`,
      type: 'GROUP',
      visibility: 'UNLISTED',
      openness: 'MODERATED',
      manuallyApprovesFollowers: true,
      local: true,
      domain: null,
      membersCount: 1,
      followersCount: 0,
      physicalAddress: { locality: 'Lyon' }
    });
    const members = await ann.client.query<{ group: { members: { elements: { role: string }[] } } }>(MEMBERS, {
      name: 'climate_lyon'
    });
    expect(members.data!.group.members.elements.map((m) => m.role)).toEqual(['CREATOR']);
    const [row] = await t.app.database.db.select().from(actors).where(eq(actors.preferredUsername, 'climate_lyon'));
    expect(row!.membersUrl).toBe(`${t.app.config.publicUrl}/@climate_lyon/members`);
    expect(row!.privateKeyPem).toContain('PRIVATE KEY');
  });

  it('refuses a taken or reserved username, a private visibility and an anonymous caller, creating nothing', async () => {
    const ann = await person(t.app);
    const before = await t.app.database.db.$count(actors, eq(actors.type, 'Group'));
    expectError(
      await ann.client.query(CREATE, { preferredUsername: ann.profile.preferredUsername, name: 'x' }),
      'validation'
    );
    expectError(await ann.client.query(CREATE, { preferredUsername: 'admin', name: 'x' }), 'validation');
    expectError(await ann.client.query(CREATE, { preferredUsername: 'Bad Name!', name: 'x' }), 'validation');
    expectError(
      await ann.client.query(CREATE, { preferredUsername: 'private_one', name: 'x', visibility: 'PRIVATE' }),
      'validation'
    );
    const anonymous = await gql(t.app, CREATE, { preferredUsername: 'nobody_group', name: 'x' });
    expect(anonymous.status).toBe(200);
    expectError(anonymous, 'unauthenticated');
    expect(await t.app.database.db.$count(actors, eq(actors.type, 'Group'))).toBe(before);
  });

  it('lets administrators, and only them, change the group', async () => {
    const ann = await person(t.app);
    const mod = await person(t.app);
    const group = await groupBy(t.app, ann);
    await withRole(t.app, group, mod.profile, 'moderator');
    const UPDATE = `mutation($id: ID!, $name: String, $openness: Openness) {
      updateGroup(id: $id, name: $name, openness: $openness) { id name openness } }`;
    expectError(await mod.client.query(UPDATE, { id: String(group.id), name: 'Hijacked' }), 'unauthorized');
    const res = await ann.client.query<{ updateGroup: { name: string; openness: string } }>(UPDATE, {
      id: String(group.id),
      name: 'Renamed',
      openness: 'OPEN'
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateGroup).toMatchObject({ name: 'Renamed', openness: 'OPEN' });
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'GroupUpdated'));
    expect(facts.some((f) => (f.payload as { groupId: number }).groupId === group.id)).toBe(true);
  });

  it('deletes a group (administrators only), keeping its name reserved and telling its members', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann);
    await withRole(t.app, group, bob.profile, 'moderator');
    const DELETE = `mutation($groupId: ID!) { deleteGroup(groupId: $groupId) { id } }`;
    expectError(await bob.client.query(DELETE, { groupId: String(group.id) }), 'unauthorized');
    const res = await ann.client.query<{ deleteGroup: { id: string } }>(DELETE, { groupId: String(group.id) });
    expect(res.data?.deleteGroup.id).toBe(String(group.id));
    expectError(await gql(t.app, GROUP, { name: group.preferredUsername }), 'not_found');
    expectError(
      await ann.client.query(CREATE, { preferredUsername: group.preferredUsername, name: 'again' }),
      'validation'
    );
    const [fact] = await t.app.database.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'GroupDeleted')));
    expect((fact!.payload as { audienceActorIds: number[] }).audienceActorIds.sort()).toEqual(
      [ann.profile.id, bob.profile.id].sort()
    );
  });
  it("takes the group's whole content with it: events, posts, discussions, resources, todos", async () => {
    const ann = await person(t.app);
    const group = await groupBy(t.app, ann);
    const groupId = String(group.id);
    const made = await Promise.all([
      ann.client.query(
        `mutation($o: ID!, $g: ID) { createEvent(organizerActorId: $o, attributedToId: $g, title: "Picnic", description: "<p>Bring food</p>",
          beginsOn: "2036-05-01T10:00:00Z") { id } }`,
        { o: String(ann.profile.id), g: groupId }
      ),
      ann.client.query(
        `mutation($g: ID!) { createPost(attributedToId: $g, title: "News", body: "<p>Hi</p>") { id } }`,
        {
          g: groupId
        }
      ),
      ann.client.query(
        `mutation($g: ID!) { createDiscussion(actorId: $g, title: "Plans", text: "<p>So?</p>") { id } }`,
        {
          g: groupId
        }
      ),
      ann.client.query(`mutation($g: ID!) { createResource(actorId: $g, title: "Minutes", type: "folder") { id } }`, {
        g: groupId
      }),
      ann.client.query(`mutation($g: ID!) { createTodoList(groupId: $g, title: "Chores") { id } }`, { g: groupId })
    ]);
    for (const res of made) expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const { db } = t.app.database;
    const counts = async () =>
      Promise.all([
        db.$count(events, eq(events.attributedToId, group.id)),
        db.$count(posts, eq(posts.groupId, group.id)),
        db.$count(discussions, eq(discussions.groupId, group.id)),
        db.$count(resources, eq(resources.groupId, group.id)),
        db.$count(todoLists, eq(todoLists.groupId, group.id))
      ]);
    expect(await counts()).toEqual([1, 1, 1, 1, 1]);
    const res = await ann.client.query(`mutation($g: ID!) { deleteGroup(groupId: $g) { id } }`, { g: groupId });
    expect(res.errors).toBeUndefined();
    expect(await counts()).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('members', () => {
  const JOIN = `mutation($groupId: ID!) { joinGroup(groupId: $groupId) { id role actor { id } parent { id } } }`;
  const LEAVE = `mutation($groupId: ID!) { leaveGroup(groupId: $groupId) { id } }`;
  const INVITE = `mutation($groupId: ID!, $target: String!) {
    inviteMember(groupId: $groupId, targetActorUsername: $target) { id role actor { id } invitedBy { id } } }`;
  const ACCEPT = `mutation($id: ID!) { acceptInvitation(id: $id) { id role } }`;
  const DECLINE = `mutation($id: ID!) { rejectInvitation(id: $id) { id role } }`;
  const APPROVE = `mutation($id: ID!) { approveMember(memberId: $id) { id role } }`;
  const REFUSE = `mutation($id: ID!) { rejectMember(memberId: $id) { id role } }`;
  const ROLE = `mutation($id: ID!, $role: MemberRoleEnum!) { updateMember(memberId: $id, role: $role) { id role } }`;
  const REMOVE = `mutation($id: ID!, $exclude: Boolean) { removeMember(memberId: $id, exclude: $exclude) { id role } }`;

  type Joined = { joinGroup: { id: string; role: string } };

  it('joins an open group at once, asks to join a moderated one, and is refused by an invite-only one', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const open = await groupBy(t.app, ann, { openness: 'open' });
    const moderated = await groupBy(t.app, ann, { openness: 'moderated' });
    const closed = await groupBy(t.app, ann, { openness: 'invite_only' });
    const joined = await bob.client.query<Joined>(JOIN, { groupId: String(open.id) });
    expect(joined.data!.joinGroup.role).toBe('MEMBER');
    expectError(await bob.client.query(JOIN, { groupId: String(open.id) }), 'validation');
    const asked = await bob.client.query<Joined>(JOIN, { groupId: String(moderated.id) });
    expect(asked.data!.joinGroup.role).toBe('NOT_APPROVED');
    expectError(await bob.client.query(JOIN, { groupId: String(closed.id) }), 'unauthorized');
    expect(await t.app.services.queries.groups.roleOf(closed.id, bob.profile.id)).toBeNull();
    expectError(await bob.client.query(JOIN, { groupId: '999999' }), 'not_found');
  });

  it('lets moderators approve or refuse requests; a refused profile cannot ask again', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const cat = await person(t.app);
    const group = await groupBy(t.app, ann, { openness: 'moderated' });
    const bobAsk = (await bob.client.query<Joined>(JOIN, { groupId: String(group.id) })).data!.joinGroup;
    const catAsk = (await cat.client.query<Joined>(JOIN, { groupId: String(group.id) })).data!.joinGroup;
    expectError(await cat.client.query(APPROVE, { id: catAsk.id }), 'unauthorized');
    expect(
      (await ann.client.query<{ approveMember: { role: string } }>(APPROVE, { id: bobAsk.id })).data!.approveMember.role
    ).toBe('MEMBER');
    expectError(await ann.client.query(APPROVE, { id: bobAsk.id }), 'validation');
    expect(
      (await ann.client.query<{ rejectMember: { role: string } }>(REFUSE, { id: catAsk.id })).data!.rejectMember.role
    ).toBe('REJECTED');
    expectError(await cat.client.query(JOIN, { groupId: String(group.id) }), 'unauthorized');
  });

  it('invites a local profile by username; the invitation is accepted or declined by that profile only', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const cat = await person(t.app);
    const group = await groupBy(t.app, ann);
    const invited = await ann.client.query<{ inviteMember: { id: string; role: string; invitedBy: { id: string } } }>(
      INVITE,
      { groupId: String(group.id), target: bob.profile.preferredUsername }
    );
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteMember).toMatchObject({ role: 'INVITED', invitedBy: { id: String(ann.profile.id) } });
    expectError(
      await ann.client.query(INVITE, { groupId: String(group.id), target: bob.profile.preferredUsername }),
      'validation'
    );
    expectError(await ann.client.query(INVITE, { groupId: String(group.id), target: 'nobody_here' }), 'not_found');
    expectError(
      await bob.client.query(INVITE, { groupId: String(group.id), target: cat.profile.preferredUsername }),
      'unauthorized'
    );
    expectError(await cat.client.query(ACCEPT, { id: invited.data!.inviteMember.id }), 'not_found');
    const accepted = await bob.client.query<{ acceptInvitation: { role: string } }>(ACCEPT, {
      id: invited.data!.inviteMember.id
    });
    expect(accepted.data!.acceptInvitation.role).toBe('MEMBER');
    const catInvite = await ann.client.query<{ inviteMember: { id: string } }>(INVITE, {
      groupId: String(group.id),
      target: `@${cat.profile.preferredUsername}`
    });
    const declined = await cat.client.query<{ rejectInvitation: { role: string } }>(DECLINE, {
      id: catInvite.data!.inviteMember.id
    });
    expect(declined.data!.rejectInvitation.role).toBe('REJECTED');
    expect(await t.app.services.queries.groups.roleOf(group.id, cat.profile.id)).toBeNull();
  });

  it('changes roles (administrators only) and keeps at least one administrator', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const cat = await person(t.app);
    const group = await groupBy(t.app, ann);
    const bobId = await withRole(t.app, group, bob.profile, 'member');
    const catId = await withRole(t.app, group, cat.profile, 'moderator');
    expectError(await cat.client.query(ROLE, { id: String(bobId), role: 'MODERATOR' }), 'unauthorized');
    const promoted = await ann.client.query<{ updateMember: { role: string } }>(ROLE, {
      id: String(bobId),
      role: 'ADMINISTRATOR'
    });
    expect(promoted.data!.updateMember.role).toBe('ADMINISTRATOR');
    expectError(await ann.client.query(ROLE, { id: String(catId), role: 'CREATOR' }), 'validation');
    const annId = (await t.app.services.queries.groups.membership(group.id, ann.profile.id))!.id;
    expectError(await bob.client.query(ROLE, { id: String(annId), role: 'MEMBER' }), 'unauthorized');
    // Bob, an administrator, steps down: Ann (the creator) still runs the group.
    expect(
      (await bob.client.query<{ updateMember: { role: string } }>(ROLE, { id: String(bobId), role: 'MEMBER' })).data!
        .updateMember.role
    ).toBe('MEMBER');
  });

  it('removes members of a lower role only, and excluded ones cannot come back', async () => {
    const ann = await person(t.app);
    const mod = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann, { openness: 'open' });
    const modId = await withRole(t.app, group, mod.profile, 'moderator');
    const bobId = await withRole(t.app, group, bob.profile, 'member');
    const annId = (await t.app.services.queries.groups.membership(group.id, ann.profile.id))!.id;
    expectError(await bob.client.query(REMOVE, { id: String(modId) }), 'unauthorized');
    expectError(await mod.client.query(REMOVE, { id: String(annId) }), 'unauthorized');
    const removed = await mod.client.query<{ removeMember: { role: string } }>(REMOVE, {
      id: String(bobId),
      exclude: true
    });
    expect(removed.data!.removeMember.role).toBe('REJECTED');
    expectError(await bob.client.query(JOIN, { groupId: String(group.id) }), 'unauthorized');
    const gone = await ann.client.query<{ removeMember: { role: string } }>(REMOVE, { id: String(modId) });
    expect(gone.data!.removeMember.role).toBe('REJECTED');
    expect(await t.app.services.queries.groups.roleOf(group.id, mod.profile.id)).toBeNull();
    const facts = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'MemberRemoved'));
    expect(facts.some((f) => (f.payload as { actorId: number }).actorId === mod.profile.id)).toBe(true);
  });

  it('lets members leave, but not the last administrator', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann);
    await withRole(t.app, group, bob.profile, 'member');
    const refused = await ann.client.query(LEAVE, { groupId: String(group.id) });
    expectError(refused, 'unauthorized');
    expect(refused.errors![0]).toMatchObject({ reason: 'last_administrator', field: 'groupId' });
    expect(
      (await bob.client.query<{ leaveGroup: { id: string } }>(LEAVE, { groupId: String(group.id) })).errors
    ).toBeUndefined();
    expectError(await bob.client.query(LEAVE, { groupId: String(group.id) }), 'not_found');
    await withRole(t.app, group, bob.profile, 'administrator');
    expect((await ann.client.query(LEAVE, { groupId: String(group.id) })).errors).toBeUndefined();
  });

  it('shows the member list to members only, and the count to everyone', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann);
    await withRole(t.app, group, bob.profile, 'member');
    await withRole(t.app, group, (await person(t.app)).profile, 'invited');
    type G = { group: { membersCount: number; members: { total: number; elements: { role: string }[] } } };
    const outside = await gql<G>(t.app, GROUP, { name: group.preferredUsername });
    expect(outside.data!.group.membersCount).toBe(2);
    expect(outside.data!.group.members).toEqual({ total: 2, elements: [] });
    const inside = await bob.client.query<G>(GROUP, { name: group.preferredUsername });
    expect(inside.data!.group.members.total).toBe(3);
    expect(inside.data!.group.members.elements.map((m) => m.role)).toEqual(['CREATOR', 'MEMBER', 'INVITED']);
    const invitedOnly = await ann.client.query<{ group: { members: { total: number } } }>(MEMBERS, {
      name: group.preferredUsername,
      roles: 'invited'
    });
    expect(invitedOnly.data!.group.members.total).toBe(1);
  });

  it("lists a profile's memberships to its owner only", async () => {
    const ann = await person(t.app);
    const group = await groupBy(t.app, ann);
    const Q = `query { loggedPerson { memberships { total elements { role parent { id preferredUsername } } } } }`;
    const res = await ann.client.query<{
      loggedPerson: { memberships: { total: number; elements: { role: string; parent: { id: string } }[] } };
    }>(Q);
    expect(res.data!.loggedPerson.memberships.elements).toEqual([
      expect.objectContaining({ role: 'CREATOR', parent: expect.objectContaining({ id: String(group.id) }) })
    ]);
  });
});
