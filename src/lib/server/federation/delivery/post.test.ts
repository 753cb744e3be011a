import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './post.ts';

const now = Date.parse('1994-11-06T08:49:00Z');

describe('parseRetryAfter', () => {
  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date in each of its three forms, as seconds from now (rounded up)', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(37);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(37);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(37);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now + 36_500)).toBe(1);
  });

  it('answers 0 for a date in the past', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither (no guessing)', () => {
    for (const value of [null, '', 'soon', '1.5', '-5', '2026-03-01', 'Sun, 06 Nov 1994', '99999999999999']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
