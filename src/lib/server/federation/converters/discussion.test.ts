import { describe, expect, it } from 'vitest';
import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Discussion } from '../../db/schema/groups.ts';
import {
  discussionMessageFromAp,
  discussionMessageToAp,
  discussionTitleFromAp,
  discussionToAp,
  discussionTombstoneToAp,
  isDiscussionObject
} from './discussion.ts';

const group = {
  id: 1,
  apId: 'https://here.example/@climate',
  membersUrl: 'https://here.example/@climate/members',
  domain: null
} as Actor;
const ana = { id: 2, apId: 'https://here.example/@ana', domain: null } as Actor;
const discussion = {
  id: 3,
  apId: 'https://here.example/@climate/c/picnic-6f1c4a52',
  url: 'https://here.example/@climate/c/picnic-6f1c4a52',
  title: 'Picnic',
  slug: 'picnic-6f1c4a52',
  createdAt: new Date('2031-01-01T10:00:00Z'),
  updatedAt: new Date('2031-01-02T10:00:00Z')
} as Discussion;
const comment = {
  apId: 'https://here.example/comments/6f1c4a52-6a4f-4c51-9d3e-1b2f1c0d9e11',
  url: 'https://here.example/comments/6f1c4a52-6a4f-4c51-9d3e-1b2f1c0d9e11',
  uuid: '6f1c4a52-6a4f-4c51-9d3e-1b2f1c0d9e11',
  text: '<p>Who brings what?</p>',
  publishedAt: new Date('2031-01-01T10:00:00Z'),
  updatedAt: new Date('2031-01-01T10:05:00Z')
} as Comment;

describe('discussion messages to ActivityPub', () => {
  it('is a Note in the discussion’s context, for the group’s members, titled when it is the first', () => {
    const note = discussionMessageToAp({ comment, author: ana, discussion, group, first: true });
    expect(note).toMatchObject({
      type: 'Note',
      id: comment.apId,
      name: 'Picnic',
      content: '<p>Who brings what?</p>',
      mediaType: 'text/html',
      actor: ana.apId,
      attributedTo: group.apId,
      context: discussion.apId,
      to: ['https://here.example/@climate/members'],
      cc: [],
      published: '2031-01-01T10:00:00.000Z',
      updated: '2031-01-01T10:05:00.000Z'
    });
    expect(discussionMessageToAp({ comment, author: ana, discussion, group, first: false })).not.toHaveProperty('name');
  });

  it('serves the discussion as a titled Note, its own context, with its last message', () => {
    expect(discussionToAp({ discussion, group, creator: ana, lastComment: comment })).toMatchObject({
      type: 'Note',
      id: discussion.apId,
      name: 'Picnic',
      content: '<p>Who brings what?</p>',
      actor: ana.apId,
      attributedTo: group.apId,
      context: discussion.apId,
      to: [group.membersUrl],
      publishedAt: '2031-01-01T10:00:00.000Z'
    });
    expect(discussionTombstoneToAp(discussion.apId, new Date('2031-02-01T00:00:00Z'))).toEqual({
      type: 'Tombstone',
      formerType: 'Note',
      id: discussion.apId,
      deleted: '2031-02-01T00:00:00.000Z'
    });
  });
});

describe('discussion messages from ActivityPub', () => {
  it('reads what we send back to the same data', () => {
    const parsed = discussionMessageFromAp(
      discussionMessageToAp({ comment, author: ana, discussion, group, first: true })
    );
    expect(parsed).toEqual({
      discussionApId: discussion.apId,
      discussionUrl: discussion.apId,
      title: 'Picnic',
      apId: comment.apId,
      url: comment.url,
      uuid: comment.uuid,
      text: '<p>Who brings what?</p>',
      publishedAt: comment.publishedAt,
      updatedAt: comment.updatedAt,
      authorApId: ana.apId,
      groupApId: group.apId
    });
    expect(isDiscussionObject(parsed!)).toBe(false);
    const root = discussionMessageFromAp(discussionToAp({ discussion, group, creator: ana, lastComment: comment }));
    expect(root && isDiscussionObject(root)).toBe(true);
  });

  it('reads a reply from another Mobilizon (no title, content map) and refuses what is not a message', () => {
    const reply = {
      type: 'Note',
      id: 'https://mobilizon.example/comments/1',
      actor: { id: 'https://mobilizon.example/@zoe' },
      attributedTo: 'https://here.example/@climate',
      context: 'https://here.example/@climate/c/picnic-6f1c4a52',
      contentMap: { fr: '<p>Moi !</p>' },
      publishedAt: '2031-01-03T10:00:00Z',
      to: ['https://here.example/@climate/members']
    };
    expect(discussionMessageFromAp(reply)).toMatchObject({
      title: null,
      text: '<p>Moi !</p>',
      authorApId: 'https://mobilizon.example/@zoe',
      url: 'https://mobilizon.example/comments/1',
      publishedAt: new Date('2031-01-03T10:00:00Z')
    });
    expect(discussionMessageFromAp({ ...reply, context: undefined })).toBeNull();
    expect(discussionMessageFromAp({ ...reply, type: 'Article' })).toBeNull();
    expect(discussionMessageFromAp({ ...reply, contentMap: undefined })).toBeNull();
    expect(discussionMessageFromAp({ ...reply, actor: 'javascript:alert(1)' })).toBeNull();
  });

  it('reads a new title from the discussion’s own Note, even once its messages are gone; not from a message', () => {
    const root = discussionToAp({
      discussion: { ...discussion, title: 'Picnic in June' },
      group,
      creator: ana,
      lastComment: null
    });
    expect(discussionTitleFromAp(root)).toEqual({
      apId: discussion.apId,
      title: 'Picnic in June',
      groupApId: group.apId
    });
    const first = discussionMessageToAp({ comment, author: ana, discussion, group, first: true });
    expect(discussionTitleFromAp(first)).toBeNull();
    expect(discussionTitleFromAp({ ...root, name: '  ' })).toBeNull();
  });
});
