import { describe, expect, it } from 'vitest';
import type { Event } from '../../db/schema/events.ts';
import { anonymousViewer, canSeeEvent } from './events.policy.ts';

const event = (overrides: Partial<Event>) =>
  ({ organizerActorId: 7, draft: false, visibility: 'public', ...overrides }) as Event;
const organizer = { userId: 1, actorIds: [7] };
const someoneElse = { userId: 2, actorIds: [8] };

describe('who may see an event', () => {
  it('shows public and unlisted events to everyone', () => {
    for (const visibility of ['public', 'unlisted'] as const) {
      expect(canSeeEvent(anonymousViewer, event({ visibility }))).toBe(true);
      expect(canSeeEvent(someoneElse, event({ visibility }))).toBe(true);
    }
  });

  it('shows drafts and private events only to their organizer', () => {
    for (const overrides of [{ draft: true }, { visibility: 'private' as const }]) {
      expect(canSeeEvent(organizer, event(overrides))).toBe(true);
      expect(canSeeEvent(someoneElse, event(overrides))).toBe(false);
      expect(canSeeEvent(anonymousViewer, event(overrides))).toBe(false);
    }
  });
});

describe('who may see a group event', () => {
  const groupEvent = (overrides: Partial<Event>) => event({ attributedToId: 30, ...overrides });
  it('shows its drafts and private events to the members of the group only', () => {
    const member = { userId: 3, actorIds: [9], memberOfGroupIds: [30] };
    const memberElsewhere = { userId: 4, actorIds: [10], memberOfGroupIds: [31] };
    for (const overrides of [{ draft: true }, { visibility: 'private' as const }]) {
      expect(canSeeEvent(member, groupEvent(overrides))).toBe(true);
      expect(canSeeEvent(memberElsewhere, groupEvent(overrides))).toBe(false);
      expect(canSeeEvent(organizer, groupEvent(overrides))).toBe(true);
      expect(canSeeEvent(anonymousViewer, groupEvent(overrides))).toBe(false);
    }
    expect(canSeeEvent(member, event({ draft: true, attributedToId: null }))).toBe(false);
  });
});
