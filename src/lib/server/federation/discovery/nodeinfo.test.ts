import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeInfoLinks, nodeInfoSummary } from './nodeinfo.ts';

const fixtures = fileURLToPath(new URL('../../../../../../shared/mobilizon/fixtures/nodeinfo/', import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(`${fixtures}${name}`, 'utf8')) as unknown;

describe('NodeInfo discovery', () => {
  it('picks the newest 2.x document and the FEP-2677 application actor', () => {
    const links = nodeInfoLinks(
      {
        links: [
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: 'https://a.example/ni/2.0' },
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: '/ni/2.1' },
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/1.1', href: 'https://a.example/ni/1.1' },
          { rel: 'https://www.w3.org/ns/activitystreams#Application', href: 'https://a.example/relay' }
        ]
      },
      'https://a.example'
    );
    expect(links).toEqual({ document: 'https://a.example/ni/2.1', application: 'https://a.example/relay' });
  });

  it('ignores junk and documents of other versions', () => {
    expect(
      nodeInfoLinks({ links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/1.1', href: 'x' }] }, 'https://a')
    ).toEqual({
      document: null,
      application: null
    });
    expect(nodeInfoLinks('nonsense', 'https://a')).toEqual({ document: null, application: null });
    expect(nodeInfoSummary([])).toBeNull();
    expect(nodeInfoSummary({ software: { name: '' } })).toBeNull();
  });

  it.skipIf(!existsSync(fixtures))("reads Mobilizon's NodeInfo as it publishes it", () => {
    expect(nodeInfoLinks(fixture('both_versions.json'), 'https://mobilizon.fr')).toEqual({
      document: 'https://mobilizon.fr/.well-known/nodeinfo/2.1',
      application: null
    });
    expect(nodeInfoLinks(fixture('regular.json'), 'https://event-federation.eu').document).toBe(
      'https://event-federation.eu/wp-json/activitypub/1.0/nodeinfo'
    );
    expect(nodeInfoLinks(fixture('older_versions.json'), 'https://old.example').document).toBeNull();
    expect(nodeInfoSummary(fixture('data.json'))).toMatchObject({ software: 'Mobilizon', softwareVersion: '5.1.0' });
  });
});
