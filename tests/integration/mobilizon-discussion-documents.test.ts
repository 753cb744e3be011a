import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole } from '../helpers/groups.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;

interface Fields {
  id: string;
  title: string;
  slug: string;
  lastComment: { id: string; text: string; actor: { id: string; preferredUsername: string; type: string } };
  actor: { id: string; type: string; preferredUsername: string };
  creator: { id: string; type: string };
}

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's discussion documents", () => {
  it('createDiscussion, GroupDiscussionsList, getDiscussion, replyToDiscussion, updateDiscussion and deleteDiscussion run', async () => {
    const admin = await person(t.app);
    const member = await person(t.app);
    const group = await groupBy(t.app, admin);
    await withRole(t.app, group, member.profile, 'member');

    const created = await member.client.query<{ createDiscussion: Fields }>(op('createDiscussion'), {
      title: 'Covoiturage pour samedi',
      text: '<p>Qui a de la place ?</p>',
      actorId: String(group.id)
    });
    expect(created.errors).toBeUndefined();
    const discussion = created.data!.createDiscussion;
    expect(discussion).toMatchObject({
      title: 'Covoiturage pour samedi',
      lastComment: { text: '<p>Qui a de la place ?</p>', actor: { id: String(member.profile.id), type: 'PERSON' } },
      actor: { id: String(group.id), type: 'GROUP', preferredUsername: group.preferredUsername },
      creator: { id: String(member.profile.id), type: 'PERSON' }
    });

    const list = await admin.client.query<{
      group: { discussions: { total: number; elements: { id: string; lastComment: { text: string } }[] } };
    }>(op('GroupDiscussionsList'), { name: group.preferredUsername, discussionsPage: 1, discussionsLimit: 10 });
    expect(list.errors).toBeUndefined();
    expect(list.data!.group.discussions).toMatchObject({
      total: 1,
      elements: [{ id: discussion.id, lastComment: { text: '<p>Qui a de la place ?</p>' } }]
    });

    const replied = await admin.client.query<{ replyToDiscussion: Fields }>(op('replyToDiscussion'), {
      discussionId: discussion.id,
      text: '<p>Moi, deux places.</p>'
    });
    expect(replied.errors).toBeUndefined();
    expect(replied.data!.replyToDiscussion.lastComment).toMatchObject({
      text: '<p>Moi, deux places.</p>',
      actor: { id: String(admin.profile.id) }
    });

    const fetched = await member.client.query<{
      discussion: Fields & { comments: { total: number; elements: { text: string; actor: { id: string } }[] } };
    }>(op('getDiscussion'), { slug: discussion.slug, page: 1, limit: 10 });
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data!.discussion.comments).toMatchObject({
      total: 2,
      elements: [{ text: '<p>Qui a de la place ?</p>' }, { text: '<p>Moi, deux places.</p>' }]
    });

    const renamed = await member.client.query<{ updateDiscussion: Fields }>(op('updateDiscussion'), {
      discussionId: discussion.id,
      title: 'Covoiturage pour dimanche'
    });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateDiscussion).toMatchObject({ title: 'Covoiturage pour dimanche', slug: discussion.slug });

    const deleted = await admin.client.query<{ deleteDiscussion: { id: string } }>(op('deleteDiscussion'), {
      discussionId: discussion.id
    });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteDiscussion).toEqual({ id: discussion.id });
    const gone = await member.client.query(op('getDiscussion'), { slug: discussion.slug });
    expect(gone.errors?.[0]?.code).toBe('not_found');
  });
});
