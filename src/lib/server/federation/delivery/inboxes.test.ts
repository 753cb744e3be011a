import { describe, expect, it } from 'vitest';
import type { Actor } from '../../db/schema/actors.ts';
import { inboxesFor, inboxOf } from './inboxes.ts';

let id = 0;
function remote(domain: string | null, fields: Partial<Actor> = {}): Actor {
  id++;
  const origin = `https://${domain ?? 'local.example'}`;
  return {
    id,
    type: 'Person',
    preferredUsername: `p${id}`,
    domain,
    name: null,
    summary: null,
    apId: `${origin}/users/p${id}`,
    url: null,
    inboxUrl: `${origin}/users/p${id}/inbox`,
    sharedInboxUrl: null,
    outboxUrl: null,
    followersUrl: null,
    followingUrl: null,
    userId: null,
    publicKeyPem: null,
    privateKeyPem: null,
    visibility: 'public',
    avatarId: null,
    bannerId: null,
    manuallyApprovesFollowers: false,
    openness: 'invite_only',
    physicalAddressId: null,
    membersUrl: null,
    resourcesUrl: null,
    postsUrl: null,
    eventsUrl: null,
    todosUrl: null,
    discussionsUrl: null,
    memberCount: null,
    suspended: false,
    lastRefreshedAt: null,
    deletedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...fields
  };
}

describe('inboxOf', () => {
  it('prefers the shared inbox', () => {
    const a = remote('a.example', { sharedInboxUrl: 'https://a.example/inbox' });
    expect(inboxOf(a)).toBe('https://a.example/inbox');
    expect(inboxOf(remote('a.example'))).toMatch(/^https:\/\/a\.example\/users\/p\d+\/inbox$/);
  });
});

describe('inboxesFor', () => {
  it('gives one inbox per server for actors behind a shared inbox, one each for the others', () => {
    const shared = Array.from({ length: 5 }, () => remote('a.example', { sharedInboxUrl: 'https://a.example/inbox' }));
    const alone = [remote('b.example'), remote('b.example')];
    expect(inboxesFor([...shared, ...alone], new Set())).toEqual([
      'https://a.example/inbox',
      alone[0]!.inboxUrl,
      alone[1]!.inboxUrl
    ]);
  });

  it('compares inboxes in their normal form', () => {
    const actors = [
      remote('a.example', { sharedInboxUrl: 'HTTPS://A.example:443/inbox' }),
      remote('a.example', { sharedInboxUrl: 'https://a.example/inbox#x' }),
      remote('a.example', { sharedInboxUrl: 'https://a.example/inbox' })
    ];
    expect(inboxesFor(actors, new Set())).toEqual(['https://a.example/inbox']);
  });

  it('leaves out local, suspended and deleted actors, actors without an inbox and non-http inboxes', () => {
    const kept = remote('ok.example');
    const actors = [
      remote(null),
      remote('s.example', { suspended: true }),
      remote('d.example', { deletedAt: new Date() }),
      remote('n.example', { inboxUrl: null }),
      remote('x.example', { inboxUrl: 'not a url' }),
      remote('m.example', { inboxUrl: 'mailto:inbox@m.example' }),
      kept
    ];
    expect(inboxesFor(actors, new Set())).toEqual([kept.inboxUrl]);
  });

  it('leaves out blocked servers, by the actor’s domain or by the inbox’s host', () => {
    const blockedActor = remote('blocked.example');
    const sharedElsewhere = remote('fine.example', { sharedInboxUrl: 'https://blocked.example/inbox' });
    const withPort = remote('ported.example:8443', { inboxUrl: 'https://ported.example:8443/inbox' });
    const kept = remote('fine.example');
    expect(
      inboxesFor([blockedActor, sharedElsewhere, withPort, kept], new Set(['blocked.example', 'ported.example:8443']))
    ).toEqual([kept.inboxUrl]);
    expect(inboxesFor([remote('Blocked.Example')], new Set(['blocked.example']))).toEqual([]);
  });
});
