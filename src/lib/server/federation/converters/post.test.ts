import { describe, expect, it } from 'vitest';
import type { Actor } from '../../db/schema/actors.ts';
import type { Post } from '../../db/schema/groups.ts';
import type { Media } from '../../db/schema/media.ts';
import { PUBLIC_COLLECTION } from './context.ts';
import { postFromAp, postToAp, postTombstoneToAp } from './post.ts';

const group = {
  apId: 'https://a.example/@jardin',
  followersUrl: 'https://a.example/@jardin/followers',
  membersUrl: 'https://a.example/@jardin/members'
} as Actor;
const author = { apId: 'https://a.example/@rose' } as Actor;
const post = {
  id: 1,
  uuid: '0b2f5e8c-8f3a-4c3e-9a55-7d1f2a3b4c5d',
  slug: 'printemps-au-jardin-0b2f5e8c',
  apId: 'https://a.example/p/printemps-au-jardin-0b2f5e8c',
  url: 'https://a.example/p/printemps-au-jardin-0b2f5e8c',
  local: true,
  title: 'Printemps au jardin',
  body: '<p>Venez planter des tomates.</p>',
  draft: false,
  visibility: 'public',
  language: 'fr',
  groupId: 2,
  authorId: 3,
  pictureId: 4,
  publishAt: new Date('2031-03-01T10:00:00Z'),
  createdAt: new Date('2031-02-28T10:00:00Z'),
  updatedAt: new Date('2031-03-02T10:00:00Z')
} satisfies Post;
const picture = { url: 'https://a.example/media/x.jpg', contentType: 'image/jpeg', blurhash: null } as Media;

/** A post as a Mobilizon instance sends it inside its Create (activitypub.md, Post). */
const mobilizonArticle = {
  type: 'Article',
  id: 'https://mobilizon.example/p/assemblee-generale-5f1c2d3e',
  url: 'https://mobilizon.example/p/assemblee-generale-5f1c2d3e',
  name: 'Assemblée générale',
  content: '<p>Samedi à la salle des fêtes.</p>',
  mediaType: 'text/html',
  actor: 'https://mobilizon.example/@camille',
  attributedTo: 'https://mobilizon.example/@quartier',
  to: ['https://mobilizon.example/@quartier/followers', 'https://mobilizon.example/@quartier/members'],
  cc: ['https://www.w3.org/ns/activitystreams#Public'],
  published: '2031-04-01T08:00:00Z',
  draft: false,
  tag: [{ type: 'Hashtag', name: '#assemblee', href: 'https://mobilizon.example/tags/assemblee' }],
  attachment: [
    { type: 'Document', mediaType: 'image/png', url: 'https://mobilizon.example/media/b.png', name: 'Banner' }
  ]
};

describe('Mobilizon’s Article (group post)', () => {
  it('writes a public post with its group, author, tags, banner and audience', () => {
    const ap = postToAp({
      post,
      author,
      group,
      picture,
      tags: [{ id: 1, slug: 'jardin', title: 'Jardin', createdAt: new Date() }]
    });
    expect(ap).toMatchObject({
      type: 'Article',
      id: post.apId,
      name: 'Printemps au jardin',
      content: post.body,
      actor: author.apId,
      attributedTo: group.apId,
      to: [PUBLIC_COLLECTION],
      cc: [group.followersUrl, group.membersUrl],
      published: '2031-03-01T10:00:00.000Z',
      draft: false,
      tag: [{ type: 'Hashtag', name: '#jardin', href: 'https://a.example/tags/jardin' }],
      attachment: [{ type: 'Document', url: picture.url, name: 'Banner' }]
    });
  });

  it('addresses unlisted posts to followers and members, private ones and drafts to members only', () => {
    expect(postToAp({ post: { ...post, visibility: 'unlisted' }, author, group })).toMatchObject({
      to: [group.followersUrl, group.membersUrl],
      cc: [PUBLIC_COLLECTION]
    });
    expect(postToAp({ post: { ...post, visibility: 'private' }, author, group })).toMatchObject({
      to: [group.membersUrl],
      cc: []
    });
    expect(postToAp({ post: { ...post, draft: true }, author, group })).toMatchObject({ to: [group.membersUrl] });
  });

  it('reads back what it writes', () => {
    for (const visibility of ['public', 'unlisted', 'private'] as const) {
      const data = postFromAp(postToAp({ post: { ...post, visibility }, author, group, picture }));
      expect(data).toMatchObject({
        apId: post.apId,
        title: post.title,
        body: post.body,
        visibility,
        language: 'fr',
        authorApId: author.apId,
        groupApId: group.apId,
        pictureUrl: picture.url,
        publishedAt: post.publishAt,
        updatedAt: post.updatedAt
      });
    }
  });

  it("reads Mobilizon's Article", () => {
    expect(postFromAp(mobilizonArticle)).toEqual({
      apId: mobilizonArticle.id,
      url: mobilizonArticle.url,
      title: 'Assemblée générale',
      body: '<p>Samedi à la salle des fêtes.</p>',
      draft: false,
      visibility: 'unlisted',
      language: 'und',
      authorApId: 'https://mobilizon.example/@camille',
      groupApId: 'https://mobilizon.example/@quartier',
      tags: ['assemblee'],
      pictureUrl: 'https://mobilizon.example/media/b.png',
      publishedAt: new Date('2031-04-01T08:00:00Z'),
      updatedAt: new Date('2031-04-01T08:00:00Z')
    });
    const membersOnly = { ...mobilizonArticle, to: ['https://mobilizon.example/@quartier/members'], cc: [] };
    expect(postFromAp(membersOnly)?.visibility).toBe('private');
    const followersOnly = { ...mobilizonArticle, to: ['https://mobilizon.example/@quartier/followers'], cc: [] };
    expect(postFromAp(followersOnly, { groupFollowersUrl: followersOnly.to[0] })?.visibility).toBe('unlisted');
  });

  it('refuses an Article without its author, its group, a title or an id, and other types', () => {
    expect(postFromAp({ ...mobilizonArticle, actor: undefined })).toBeNull();
    expect(postFromAp({ ...mobilizonArticle, attributedTo: undefined })).toBeNull();
    expect(postFromAp({ ...mobilizonArticle, name: '  ' })).toBeNull();
    expect(postFromAp({ ...mobilizonArticle, id: 'not a url' })).toBeNull();
    expect(postFromAp({ ...mobilizonArticle, type: 'Note' })).toBeNull();
  });

  it('leaves a Tombstone of its former type', () => {
    expect(postTombstoneToAp(post.apId, new Date('2031-05-01T00:00:00Z'))).toEqual({
      type: 'Tombstone',
      formerType: 'Article',
      id: post.apId,
      deleted: '2031-05-01T00:00:00.000Z'
    });
  });
});
