import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events } from '#lib/server/db/schema/events.ts';
import { users } from '#lib/server/db/schema/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole } from '../helpers/groups.ts';
import { clientAs } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;
type Member = { id: string; role: string; parent: { id: string }; actor: { id: string } };

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's group and member documents", () => {
  it('creates a group, invites, accepts, lists, changes a role and removes, as its client does', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const created = await ann.client.query<{ createGroup: { id: string; preferredUsername: string } }>(
      op('CreateGroup'),
      {
        preferredUsername: 'jardin_partage',
        name: 'Jardin partagé',
        summary: '<p>Un jardin pour tous</p>',
        visibility: 'PUBLIC',
        openness: 'MODERATED',
        manuallyApprovesFollowers: false,
        physicalAddress: null,
        avatar: null,
        banner: null
      }
    );
    expect(created.errors).toBeUndefined();
    const groupId = created.data!.createGroup.id;
    const invited = await ann.client.query<{ inviteMember: Member }>(op('InviteMember'), {
      groupId,
      targetActorUsername: bob.profile.preferredUsername
    });
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteMember).toMatchObject({ role: 'INVITED', parent: { id: groupId } });
    const mine = await bob.client.query<{
      loggedUser: {
        memberships: { total: number; elements: { id: string; role: string; invitedBy: { id: string } }[] };
      };
    }>(op('LoggedUserMemberships'), { page: 1, limit: 10 });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.loggedUser.memberships.elements[0]).toMatchObject({
      role: 'INVITED',
      invitedBy: { id: String(ann.profile.id) }
    });
    const accepted = await bob.client.query<{ acceptInvitation: Member }>(op('AcceptInvitation'), {
      id: invited.data!.inviteMember.id
    });
    expect(accepted.data!.acceptInvitation.role).toBe('MEMBER');
    const listed = await ann.client.query<{ group: { members: { total: number; elements: Member[] } } }>(
      op('GroupMembers'),
      { groupName: 'jardin_partage', roles: 'member,moderator,administrator,creator', page: 1, limit: 10 }
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.group.members.total).toBe(2);
    const promoted = await ann.client.query<{ updateMember: { role: string } }>(op('UpdateMember'), {
      memberId: invited.data!.inviteMember.id,
      role: 'MODERATOR'
    });
    expect(promoted.data!.updateMember.role).toBe('MODERATOR');
    const removed = await ann.client.query<{ removeMember: { id: string } }>(op('RemoveMember'), {
      memberId: invited.data!.inviteMember.id,
      exclude: false
    });
    expect(removed.errors).toBeUndefined();
    expect(await t.app.services.queries.groups.roleOf(Number(groupId), bob.profile.id)).toBeNull();
  });

  it('joins, asks, is approved and leaves, as its client does', async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann, { openness: 'moderated' });
    const asked = await bob.client.query<{ joinGroup: Member }>(op('JoinGroup'), { groupId: String(group.id) });
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.joinGroup.role).toBe('NOT_APPROVED');
    const approved = await ann.client.query<{ approveMember: { role: string } }>(op('ApproveMember'), {
      memberId: asked.data!.joinGroup.id
    });
    expect(approved.data!.approveMember.role).toBe('MEMBER');
    const left = await bob.client.query<{ leaveGroup: { id: string } }>(op('LeaveGroup'), {
      groupId: String(group.id)
    });
    expect(left.errors).toBeUndefined();
    const deleted = await ann.client.query<{ deleteGroup: { id: string } }>(op('DeleteGroup'), {
      groupId: String(group.id)
    });
    expect(deleted.data!.deleteGroup.id).toBe(String(group.id));
  });

  it("lists groups for moderators and a person's upcoming group events", async () => {
    const ann = await person(t.app);
    const bob = await person(t.app);
    const group = await groupBy(t.app, ann, { name: 'Vélo club' });
    await withRole(t.app, group, bob.profile, 'member');
    const event = await t.app.services.events.createEvent(ann.user.id, {
      organizerActorId: ann.profile.id,
      title: 'Sortie du dimanche',
      beginsOn: new Date(Date.now() + 86_400_000)
    });
    await t.app.database.db.update(events).set({ attributedToId: group.id }).where(eq(events.id, event.id));
    const refused = await ann.client.query(op('ListGroups'), { page: 1, limit: 10 });
    expect(refused.errors?.[0]?.code).toBe('unauthorized');
    await t.app.database.db.update(users).set({ role: 'moderator' }).where(eq(users.id, ann.user.id));
    const moderator = await clientAs(t.app, ann.email, ann.password);
    const listed = await moderator.query<{
      groups: { total: number; elements: { id: string; organizedEvents: { total: number } }[] };
    }>(op('ListGroups'), { name: 'Vélo', local: true, suspended: false, page: 1, limit: 10 });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.groups.elements).toEqual([
      expect.objectContaining({ id: String(group.id), organizedEvents: expect.objectContaining({ total: 1 }) })
    ]);
    const Q = `query { loggedUser { followedGroupEvents { total elements { profile { id } group { id } event { id title } } } } }`;
    const upcoming = await bob.client.query<{
      loggedUser: {
        followedGroupEvents: { total: number; elements: { profile: { id: string }; event: { title: string } }[] };
      };
    }>(Q);
    expect(upcoming.errors).toBeUndefined();
    expect(upcoming.data!.loggedUser.followedGroupEvents.total).toBe(1);
    expect(upcoming.data!.loggedUser.followedGroupEvents.elements[0]).toMatchObject({
      profile: { id: String(bob.profile.id) },
      event: { title: 'Sortie du dimanche' }
    });
  });
});
