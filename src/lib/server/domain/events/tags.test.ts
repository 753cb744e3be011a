import { describe, expect, it } from 'vitest';
import { parseInput } from '../../core/validation.ts';
import { metadataInput } from './metadata.ts';
import { tagSlug, tagsInput } from './tags.ts';

describe('tags', () => {
  it('slugs tags in lower case, without accents, with dashes for spaces and punctuation', () => {
    expect(tagSlug('  Vélo  Club ')).toBe('velo-club');
    expect(tagSlug('Rock & Roll!')).toBe('rock-roll');
    expect(tagSlug('موسيقى عربية')).toBe('موسيقى-عربية');
  });

  it('merges duplicates, drops empty ones and keeps the title as typed', () => {
    expect(parseInput(tagsInput, ['#Vélo', 'velo', ' ', 'Jardin partagé'])).toEqual([
      { slug: 'velo', title: 'Vélo' },
      { slug: 'jardin-partage', title: 'Jardin partagé' }
    ]);
  });

  it('refuses more than ten tags and tags longer than 40 characters', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `tag ${i}`);
    expect(() => parseInput(tagsInput, eleven)).toThrow(/at most 10 tags/);
    expect(() => parseInput(tagsInput, ['x'.repeat(41)])).toThrow(/at most 40 characters/);
  });
});

describe('event metadata', () => {
  it('accepts the presets with values of their kind', () => {
    expect(
      parseInput(metadataInput, [
        { key: 'mz:accessibility:wheelchairAccessible', value: 'fully' },
        { key: 'mz:accessibility:live:sign_language', value: 'true', type: 'BOOLEAN' },
        { key: 'mz:live:peertube:url', value: 'https://video.example/w/abc', title: 'Live' }
      ])
    ).toEqual([
      { key: 'mz:accessibility:wheelchairAccessible', value: 'fully', title: null, type: 'STRING' },
      { key: 'mz:accessibility:live:sign_language', value: 'true', title: null, type: 'BOOLEAN' },
      { key: 'mz:live:peertube:url', value: 'https://video.example/w/abc', title: 'Live', type: 'STRING' }
    ]);
  });

  it.each([
    [[{ key: 'tracking:pixel', value: 'x' }], /Unknown metadata key/],
    [[{ key: 'mz:live:youtube:url', value: 'javascript:alert(1)' }], /http\(s\) URL/],
    [[{ key: 'mz:accessibility:wheelchairAccessible', value: 'maybe' }], /one of no, partially, fully/],
    [[{ key: 'mz:accessibility:smokeFree', value: 'yes' }], /true or false/],
    [[{ key: 'mz:schedule_url', value: `https://x.example/${'a'.repeat(1000)}` }], /at most 1000/],
    [Array.from({ length: 21 }, () => ({ key: 'mz:schedule_url', value: 'https://x.example' })), /at most 20/]
  ])('refuses %j', (list, message) => {
    expect(() => parseInput(metadataInput, list)).toThrow(message);
  });
});
