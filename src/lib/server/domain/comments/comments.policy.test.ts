import { describe, expect, it } from 'vitest';
import type { Comment } from '../../db/schema/comments.ts';
import type { Event } from '../../db/schema/events.ts';
import type { Actor } from '../../db/schema/actors.ts';
import {
  canComment,
  canDeleteComment,
  canDeleteCommentRemotely,
  canWriteRemoteComment,
  canEditComment,
  canSeeComment,
  canSeeEventComments,
  visibilityOfNewComment,
  type CommentViewer
} from './comments.policy.ts';

const event = (overrides: Partial<Event> = {}, moderation?: 'allow_all' | 'moderated' | 'closed') =>
  ({
    organizerActorId: 7,
    draft: false,
    visibility: 'public',
    options: moderation ? { commentModeration: moderation } : {},
    ...overrides
  }) as Event;
const comment = (overrides: Partial<Comment> = {}) =>
  ({ actorId: 8, visibility: 'public', deletedAt: null, ...overrides }) as Comment;

const organizer: CommentViewer = { userId: 1, actorIds: [7], organizer: true };
const author: CommentViewer = { userId: 2, actorIds: [8], organizer: false };
const stranger: CommentViewer = { userId: 3, actorIds: [9], organizer: false };
const anonymous: CommentViewer = { userId: null, actorIds: [], organizer: false };
const staff: CommentViewer = { userId: 4, actorIds: [10], organizer: false, staff: true };

describe('comments policy', () => {
  it("shows a draft's comments to its organizers only", () => {
    expect(canSeeEventComments(organizer, event({ draft: true }))).toBe(true);
    expect(canSeeEventComments(stranger, event({ draft: true }))).toBe(false);
    expect(canSeeEventComments(anonymous, event())).toBe(true);
    expect(canSeeEventComments(stranger, event({ visibility: 'private' }))).toBe(false);
  });

  it('closes commenting to all but organizers', () => {
    expect(canComment(stranger, event({}, 'closed'))).toBe(false);
    expect(canComment(organizer, event({}, 'closed'))).toBe(true);
    expect(canComment(stranger, event({}, 'moderated'))).toBe(true);
    expect(canComment(stranger, event({ draft: true }))).toBe(false);
  });

  it('holds the comments of non-organizers under moderation, seen by organizers and their author', () => {
    expect(visibilityOfNewComment(stranger, event({}, 'moderated'))).toBe('moderated');
    expect(visibilityOfNewComment(organizer, event({}, 'moderated'))).toBe('public');
    expect(visibilityOfNewComment(stranger, event())).toBe('public');
    const held = comment({ visibility: 'moderated' });
    expect([organizer, author, stranger, anonymous].map((v) => canSeeComment(v, held))).toEqual([
      true,
      true,
      false,
      false
    ]);
  });

  it('lets the author edit, and the author, organizers and staff delete', () => {
    expect([organizer, author, stranger, staff].map((v) => canEditComment(v, comment()))).toEqual([
      false,
      true,
      false,
      false
    ]);
    expect(canEditComment(author, comment({ deletedAt: new Date() }))).toBe(false);
    expect([organizer, author, stranger, staff].map((v) => canDeleteComment(v, comment()))).toEqual([
      true,
      true,
      false,
      true
    ]);
  });

  describe('for remote actors', () => {
    const remote = (id: number, apId: string) => ({ id, apId, domain: new URL(apId).host }) as Actor;
    const zoe = remote(20, 'https://masto.example/users/zoe');
    const yan = remote(21, 'https://masto.example/users/yan');
    const local = { id: 22, apId: 'https://here.example/@ana', domain: null } as Actor;
    const note = 'https://masto.example/users/zoe/statuses/1';

    it('lets only its author, on its own server, publish or change a comment', () => {
      expect(canWriteRemoteComment(zoe, zoe, note)).toBe(true);
      expect(canWriteRemoteComment(yan, zoe, note)).toBe(false);
      expect(canWriteRemoteComment(zoe, zoe, 'https://elsewhere.example/notes/1')).toBe(false);
      expect(canWriteRemoteComment(local, local, 'https://here.example/comments/1')).toBe(false);
      expect(canWriteRemoteComment(zoe, zoe, note, { local: false, actorId: zoe.id })).toBe(true);
      // Nobody takes over a stored comment, nor writes over one of ours.
      expect(canWriteRemoteComment(zoe, zoe, note, { local: false, actorId: yan.id })).toBe(false);
      expect(canWriteRemoteComment(zoe, zoe, note, { local: true, actorId: zoe.id })).toBe(false);
    });

    it('lets a remote comment be removed by its author, and any comment by an organizer of its event', () => {
      const theirs = { local: false, actorId: zoe.id };
      const ours = { local: true, actorId: local.id };
      expect(canDeleteCommentRemotely(zoe, theirs, [])).toBe(true);
      expect(canDeleteCommentRemotely(yan, theirs, [])).toBe(false);
      expect(canDeleteCommentRemotely(yan, theirs, [yan.id])).toBe(true);
      expect(canDeleteCommentRemotely(yan, ours, [])).toBe(false);
      expect(canDeleteCommentRemotely(yan, ours, [yan.id])).toBe(true);
      // A local actor never acts through the inbox.
      expect(canDeleteCommentRemotely(local, ours, [local.id])).toBe(false);
    });
  });
});
