import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteDiscussionMessage } from '#lib/server/domain/discussions/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { discussionState, remoteProfile } from '../helpers/discussions.ts';
import { groupBy, person, withRole } from '../helpers/groups.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const message = (groupId: number, n: number, overrides: Partial<RemoteDiscussionMessage> = {}) => ({
  groupId,
  discussionApId: 'https://remote.example/@g/c/plans-1',
  title: 'Plans',
  apId: `https://remote.example/comments/${n}`,
  url: `https://remote.example/comments/${n}`,
  uuid: null,
  text: `<p>Message ${n}<script>x()</script></p>`,
  publishedAt: new Date(`2031-01-0${n}T10:00:00Z`),
  updatedAt: null,
  ...overrides
});

describe('discussions from other servers', () => {
  it('takes messages of remote members (idempotent, sanitized), refuses non-members and impostors', async () => {
    const admin = await person(t.app);
    const group = await groupBy(t.app, admin);
    const zoe = await remoteProfile(t.app);
    const stranger = await remoteProfile(t.app);
    const service = t.app.services.discussions;
    await expect(service.receiveRemoteMessage({ remoteActorId: zoe.id }, message(group.id, 1))).rejects.toMatchObject({
      code: 'forbidden'
    });
    await withRole(t.app, group, zoe, 'member');
    const first = await service.receiveRemoteMessage({ remoteActorId: zoe.id }, message(group.id, 1));
    expect(first).toMatchObject({ created: true, discussion: { title: 'Plans', local: false, creatorId: zoe.id } });
    expect(first!.comment.text).toBe('<p>Message 1</p>');
    const again = await service.receiveRemoteMessage(
      { remoteActorId: zoe.id },
      message(group.id, 1, { text: '<p>Edited</p>' })
    );
    expect(again).toMatchObject({ created: false, comment: { id: first!.comment.id, text: '<p>Edited</p>' } });
    await service.receiveRemoteMessage({ remoteActorId: zoe.id }, message(group.id, 2, { title: null }));
    await expect(
      service.receiveRemoteMessage({ remoteActorId: stranger.id }, message(group.id, 3, { title: null }))
    ).rejects.toMatchObject({ code: 'forbidden' });
    await withRole(t.app, group, stranger, 'member');
    // Nobody publishes or edits from another server, nor someone else's message.
    await expect(
      service.receiveRemoteMessage(
        { remoteActorId: stranger.id },
        message(group.id, 4, { apId: 'https://other.example/c/4' })
      )
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      service.receiveRemoteMessage({ remoteActorId: stranger.id }, message(group.id, 1, { text: '<p>Hijack</p>' }))
    ).rejects.toMatchObject({ code: 'forbidden' });
    const state = await discussionState(t.app, group.id);
    expect(state.threads).toHaveLength(1);
    expect(state.messages.map((m) => m.text).sort()).toEqual(['<p>Edited</p>', '<p>Message 2</p>']);
    expect(state.history.map((h) => h.subject).sort()).toEqual(['discussion_created', 'discussion_replied']);

    // Renaming and deleting follow the same table: the creator renames, only moderators delete.
    await service.receiveRemoteRename({ remoteActorId: zoe.id }, { apId: state.threads[0]!.apId, title: 'Plans 2' });
    await expect(service.receiveRemoteDelete({ remoteActorId: zoe.id }, state.threads[0]!.apId)).rejects.toMatchObject({
      code: 'forbidden'
    });
    expect(await service.receiveRemoteDelete({ remoteActorId: zoe.id }, 'https://remote.example/comments/2')).toBe(
      'message'
    );
    await withRole(t.app, group, stranger, 'moderator');
    expect(await service.receiveRemoteDelete({ remoteActorId: stranger.id }, state.threads[0]!.apId)).toBe(
      'discussion'
    );
    const after = await discussionState(t.app, group.id);
    expect(after.threads).toHaveLength(0);
    expect(after.history.map((h) => h.subject).sort()).toEqual([
      'discussion_created',
      'discussion_deleted',
      'discussion_renamed',
      'discussion_replied'
    ]);
    // A message of the deleted discussion arriving late does not bring it back.
    expect(await service.receiveRemoteMessage({ remoteActorId: zoe.id }, message(group.id, 1))).toBeUndefined();
  });

  it('stores what a remote group announces as its copy, and removes it when told', async () => {
    const remoteGroup = await remoteProfile(t.app, 'groups.example');
    await t.app.database.db.execute(`update actors set type = 'Group' where id = ${remoteGroup.id}`);
    const author = await remoteProfile(t.app, 'third.example');
    const service = t.app.services.discussions;
    const data = {
      ...message(remoteGroup.id, 1, {
        discussionApId: 'https://groups.example/@g/c/x',
        apId: 'https://third.example/c/1'
      }),
      authorId: author.id
    };
    expect(await service.messageForGroupAnnounce(data)).toMatchObject({ created: true });
    expect(await service.messageForGroupAnnounce(data)).toMatchObject({ created: false });
    const state = await discussionState(t.app, remoteGroup.id);
    expect(state.threads[0]!.url).toBe('https://groups.example/@g/c/x');
    expect(state.history).toEqual([]);
    expect(
      await service.deletionForGroupAnnounce({ groupId: remoteGroup.id, apId: 'https://groups.example/@g/c/x' })
    ).toBe('discussion');
    expect((await discussionState(t.app, remoteGroup.id)).threads).toHaveLength(0);
    const local = await groupBy(t.app, await person(t.app));
    await expect(service.messageForGroupAnnounce({ ...data, groupId: local.id })).rejects.toMatchObject({
      code: 'forbidden'
    });
  });
});
