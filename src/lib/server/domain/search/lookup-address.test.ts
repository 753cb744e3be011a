import { describe, expect, it } from 'vitest';
import { parseLookupAddress } from './lookup-address.ts';

describe('parseLookupAddress', () => {
  it('reads URLs, fragment dropped', () => {
    expect(parseLookupAddress(' https://events.example/events/1#x ')).toEqual({
      kind: 'url',
      url: 'https://events.example/events/1'
    });
    expect(parseLookupAddress('http://127.0.0.1:4000/@rose')).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:4000/@rose'
    });
  });

  it('reads handles with or without the leading @, host lower-cased, port kept', () => {
    expect(parseLookupAddress('@Rose@Events.Example')).toEqual({
      kind: 'handle',
      username: 'Rose',
      host: 'events.example'
    });
    expect(parseLookupAddress('rose@127.0.0.1:4000')).toEqual({
      kind: 'handle',
      username: 'rose',
      host: '127.0.0.1:4000'
    });
    expect(parseLookupAddress('acct:rose@events.example')).toMatchObject({ kind: 'handle', username: 'rose' });
  });

  it('leaves words, other schemes and URLs with credentials to the ordinary search', () => {
    for (const term of [
      '',
      'vélo',
      'rose @ events',
      'ftp://events.example/x',
      'https://u:p@events.example/',
      'javascript:alert(1)',
      '@rose'
    ])
      expect(parseLookupAddress(term), term).toBeNull();
  });
});
