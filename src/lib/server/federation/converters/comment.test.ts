import { describe, expect, it } from 'vitest';
import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import { commentFromAp, commentToAp, commentTombstoneToAp } from './comment.ts';
import { PUBLIC_COLLECTION } from './context.ts';

const author = { id: 1, apId: 'https://here.example/@ana', preferredUsername: 'ana', domain: null } as Actor;
const zoe = {
  id: 2,
  apId: 'https://masto.example/users/zoe',
  preferredUsername: 'zoe',
  domain: 'masto.example'
} as Actor;
const comment = (overrides: Partial<Comment> = {}) =>
  ({
    apId: 'https://here.example/comments/6f1c4a52-6a4f-4c51-9d3e-1b2f1c0d9e11',
    url: 'https://here.example/comments/6f1c4a52-6a4f-4c51-9d3e-1b2f1c0d9e11',
    uuid: '6f1c4a52-6a4f-4c51-9d3e-1b2f1c0d9e11',
    text: '<p>Hello</p>',
    language: 'und',
    visibility: 'public',
    isAnnouncement: false,
    publishedAt: new Date('2031-01-01T10:00:00Z'),
    updatedAt: new Date('2031-01-01T10:05:00Z'),
    deletedAt: null,
    ...overrides
  }) as Comment;

describe('commentToAp', () => {
  it('is Mobilizon’s Note, public, answering what it answers, naming whom it answers', () => {
    const note = commentToAp({
      comment: comment({ language: 'fr' }),
      author,
      inReplyTo: 'https://masto.example/users/zoe/statuses/9',
      mentions: [zoe, author]
    });
    expect(note).toMatchObject({
      type: 'Note',
      id: comment().apId,
      uuid: comment().uuid,
      content: '<p>Hello</p>',
      contentMap: { fr: '<p>Hello</p>' },
      mediaType: 'text/html',
      actor: author.apId,
      attributedTo: author.apId,
      inReplyTo: 'https://masto.example/users/zoe/statuses/9',
      to: [PUBLIC_COLLECTION],
      cc: [zoe.apId],
      // Nobody mentions themselves.
      tag: [{ type: 'Mention', href: zoe.apId, name: '@zoe@masto.example' }],
      published: '2031-01-01T10:00:00.000Z',
      updated: '2031-01-01T10:05:00.000Z',
      isAnnouncement: false
    });
  });

  it('addresses a held comment to the event’s owners only', () => {
    const note = commentToAp({
      comment: comment({ visibility: 'moderated' }),
      author,
      inReplyTo: 'https://masto.example/events/1',
      privateAudience: [zoe.apId]
    });
    expect(note).toMatchObject({ to: [zoe.apId], cc: [] });
  });

  it('leaves a Tombstone once removed', () => {
    const deletedAt = new Date('2031-02-01T00:00:00Z');
    expect(commentTombstoneToAp(comment({ deletedAt }))).toEqual({
      type: 'Tombstone',
      formerType: 'Note',
      id: comment().apId,
      deleted: '2031-02-01T00:00:00.000Z'
    });
  });
});

describe('commentFromAp', () => {
  const note = (overrides: Record<string, unknown> = {}) => ({
    type: 'Note',
    id: 'https://masto.example/users/zoe/statuses/1',
    attributedTo: zoe.apId,
    inReplyTo: 'https://here.example/events/1',
    content: '<p>See you</p>',
    to: [PUBLIC_COLLECTION],
    published: '2031-01-01T10:00:00Z',
    ...overrides
  });

  it('reads whom a note is for: public, unlisted (public in cc only), or private', () => {
    expect(commentFromAp(note())?.visibility).toBe('public');
    expect(commentFromAp(note({ to: [`${zoe.apId}/followers`], cc: ['as:Public'] }))?.visibility).toBe('unlisted');
    expect(commentFromAp(note({ to: ['https://here.example/@ana'], cc: [] }))?.visibility).toBe('private');
  });

  it('keeps a content warning before the text, escaped, and attachments as links after it', () => {
    const data = commentFromAp(
      note({
        summary: 'spoilers <b>here</b>',
        attachment: [
          { type: 'Document', mediaType: 'image/png', url: 'https://cdn.example/a.png?x="1"', name: null },
          { type: 'Document', url: 'javascript:alert(1)' }
        ]
      })
    );
    expect(data?.text).toBe(
      '<p>⚠ <strong>spoilers &lt;b&gt;here&lt;/b&gt;</strong></p><p>See you</p>' +
        '<p><a href="https://cdn.example/a.png?x=%221%22">https://cdn.example/a.png?x=%221%22</a></p>'
    );
  });

  it('takes the actor when there is one (Mobilizon), else attributedTo (Mastodon)', () => {
    expect(commentFromAp(note())?.authorApId).toBe(zoe.apId);
    expect(commentFromAp(note({ actor: 'https://masto.example/users/yan' }))?.authorApId).toBe(
      'https://masto.example/users/yan'
    );
  });

  it('is null for what is not a note we can show', () => {
    expect(commentFromAp(note({ type: 'Article' }))).toBeNull();
    expect(commentFromAp(note({ id: 'urn:x' }))).toBeNull();
    expect(commentFromAp(note({ attributedTo: undefined }))).toBeNull();
    expect(commentFromAp(note({ content: '  ' }))).toBeNull();
  });
});
