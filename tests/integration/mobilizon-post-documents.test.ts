import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;

interface MzPost {
  id: string;
  title: string;
  slug: string;
  url: string;
  body: string;
  draft: boolean;
  visibility: string;
  language: string;
  author: { id: string; preferredUsername: string };
  attributedTo: { id: string; type: string };
  tags: { slug: string; title: string }[];
  picture: null | { id: string };
}

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's post documents", () => {
  it('CreatePost, Post, GroupPosts, UpdatePost and DeletePost run as its client sends them', async () => {
    const rose = await person(t.app);
    const member = await person(t.app);
    const group = await groupBy(t.app, rose);
    await withRole(t.app, group, member.profile, 'member');

    const created = await rose.client.query<{ createPost: MzPost }>(op('CreatePost'), {
      title: 'Assemblée générale',
      body: '<p>Notre assemblée générale aura lieu samedi prochain à la salle des fêtes du quartier.</p>',
      attributedToId: String(group.id),
      visibility: 'PRIVATE',
      draft: false,
      tags: ['Assemblée'],
      picture: null
    });
    expect(created.errors).toBeUndefined();
    const post = created.data!.createPost;
    expect(post).toMatchObject({
      title: 'Assemblée générale',
      draft: false,
      visibility: 'PRIVATE',
      language: 'fr',
      author: { id: String(rose.profile.id), preferredUsername: rose.profile.preferredUsername },
      attributedTo: { id: String(group.id), type: 'GROUP' },
      tags: [{ slug: 'assemblee', title: 'Assemblée' }],
      picture: null
    });

    const read = await member.client.query<{ post: MzPost }>(op('Post'), { slug: post.slug });
    expect(read.errors).toBeUndefined();
    expect(read.data!.post).toMatchObject({ id: post.id, body: post.body });
    expect((await gql(t.app, op('Post'), { slug: post.slug })).errors?.[0]?.code).toBe('not_found');

    const listed = await member.client.query<{ group: { posts: { total: number; elements: MzPost[] } } }>(
      op('GroupPosts'),
      { preferredUsername: group.preferredUsername, page: 1, limit: 10 }
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.group.posts).toMatchObject({ total: 1, elements: [{ id: post.id, slug: post.slug }] });

    const updated = await rose.client.query<{ updatePost: MzPost }>(op('UpdatePost'), {
      id: post.id,
      title: 'Assemblée générale annuelle',
      body: post.body,
      attributedToId: String(group.id),
      visibility: 'PUBLIC',
      draft: false,
      tags: ['Assemblée', 'Quartier']
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updatePost).toMatchObject({
      title: 'Assemblée générale annuelle',
      slug: post.slug,
      visibility: 'PUBLIC',
      tags: [{ slug: 'assemblee' }, { slug: 'quartier' }]
    });
    const publicRead = await gql<{ post: MzPost }>(t.app, op('Post'), { slug: post.slug });
    expect(publicRead.data?.post.id).toBe(post.id);

    const deleted = await rose.client.query<{ deletePost: { id: string } }>(op('DeletePost'), { id: post.id });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deletePost).toEqual({ id: post.id });
    const after = await gql<{ group: { posts: { total: number } } }>(t.app, op('GroupPosts'), {
      preferredUsername: group.preferredUsername
    });
    expect(after.data!.group.posts.total).toBe(0);
  });

  it("the group page's documents list its posts", async () => {
    const rose = await person(t.app);
    const group = await groupBy(t.app, rose);
    await rose.client.query(op('CreatePost'), {
      title: 'Hello neighbours',
      body: '<p>Welcome to our new group page, where we share the news of the street.</p>',
      attributedToId: String(group.id)
    });
    const res = await gql<{ group: { posts: { total: number; elements: { title: string }[] } } }>(
      t.app,
      op('FetchGroupPublic'),
      { name: group.preferredUsername, postsPage: 1, postsLimit: 3, organisedEventsPage: 1, organisedEventsLimit: 3 }
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.group.posts).toMatchObject({ total: 1, elements: [{ title: 'Hello neighbours' }] });
  });
});
