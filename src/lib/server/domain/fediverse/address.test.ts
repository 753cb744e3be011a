import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.ts';
import { parseInstanceDomain, parseRelayAddress } from './address.ts';

const fails = (fn: () => unknown, field: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe(field);
    return;
  }
  throw new Error('expected a validation error');
};

describe('instance domains', () => {
  it('takes host[:port], lower-cased, also pasted as a URL', () => {
    expect(parseInstanceDomain(' Events.Example.ORG ')).toBe('events.example.org');
    expect(parseInstanceDomain('127.0.0.1:4000')).toBe('127.0.0.1:4000');
    expect(parseInstanceDomain('https://mobilizon.fr/')).toBe('mobilizon.fr');
    expect(parseInstanceDomain('mobilizon.fr/')).toBe('mobilizon.fr');
  });

  it('refuses what is not a domain', () => {
    for (const bad of [
      '',
      'a b',
      'exa_mple.org',
      '-bad.org',
      'host:0',
      'host:70000',
      'https://',
      'a@b.org',
      'x.org/path'
    ])
      fails(() => parseInstanceDomain(bad), 'domain');
  });
});

describe('relay addresses', () => {
  it('reads relay@domain, name@domain, @name@domain, acct: and bare domains', () => {
    expect(parseRelayAddress('relay@Mobilizon.fr')).toEqual({ username: 'relay', domain: 'mobilizon.fr' });
    expect(parseRelayAddress('@alice@social.example')).toEqual({ username: 'alice', domain: 'social.example' });
    expect(parseRelayAddress('acct:relay@a.example:8443')).toEqual({ username: 'relay', domain: 'a.example:8443' });
    expect(parseRelayAddress('a.example')).toEqual({ username: null, domain: 'a.example' });
  });

  it('refuses malformed addresses on the address field', () => {
    for (const bad of ['relay@', '@', 'a@b@c', 'na me@a.example', 'relay@bad host'])
      fails(() => parseRelayAddress(bad), 'address');
  });
});
