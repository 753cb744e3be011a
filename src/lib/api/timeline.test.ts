import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/messages.ts';
import { activitySentence, type ActivityLine } from './timeline.ts';

const ann = { id: '1', name: 'Ann', preferredUsername: 'ann', domain: null };
const line = (subject: string, params: Record<string, string>, author = ann): ActivityLine => ({
  id: '1',
  insertedAt: '2026-01-01T00:00:00Z',
  type: 'MEMBER',
  subject,
  subjectParams: Object.entries(params).map(([key, value]) => ({ key, value })),
  author,
  object: null
});
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

describe('the sentence of a history line', () => {
  it('names who did what to whom, in each language', () => {
    const invited = line('member_invited', { member_actor_name: 'Bob' });
    expect(plain(activitySentence(translator('en'), invited))).toBe('Ann invited Bob');
    expect(plain(activitySentence(translator('fr'), invited))).toBe('Ann a invité Bob');
    expect(plain(activitySentence(translator('ar'), invited))).toBe('دعا Ann Bob');
  });

  it('names the object by its title, and falls back when a part is unknown', () => {
    const created = { ...line('event_created', { event_title: 'Picnic' }), type: 'EVENT' as const };
    expect(plain(activitySentence(translator('en'), created))).toBe('Ann created the event Picnic');
    expect(plain(activitySentence(translator('en'), { ...line('member_joined', {}), author: null }))).toBe(
      'Someone joined the group'
    );
    expect(plain(activitySentence(translator('en'), line('todo_done', {})))).toBe('Ann made a change (todo_done)');
  });

  it('keeps names apart from the sentence around them', () => {
    expect(activitySentence(translator('ar'), line('member_quit', { member_actor_name: 'Bob' }))).toContain(
      '\u2068Bob\u2069'
    );
  });
});
