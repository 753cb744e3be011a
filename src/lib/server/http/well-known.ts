import type { Config } from '../config/index.ts';
import { SOFTWARE_NAME, SOFTWARE_REPOSITORY, SOFTWARE_VERSION } from '../domain/instance/index.ts';
import type { Services } from '../services.ts';

const NODEINFO_SCHEMA = 'http://nodeinfo.diaspora.software/ns/schema';

const json = (body: unknown, contentType = 'application/json; charset=utf-8') =>
  new Response(JSON.stringify(body), {
    headers: { 'content-type': contentType, 'access-control-allow-origin': '*', 'cache-control': 'max-age=300' }
  });

/** host-meta and NodeInfo 2.0/2.1 (with the FEP-2677 link to the instance actor). */
export function createWellKnownHandler(config: Config, services: Services) {
  const base = config.publicUrl;

  async function nodeInfo(version: '2.0' | '2.1') {
    const [usage, registrations] = await Promise.all([
      services.instance.usage(),
      services.instanceSettings.registrationMode()
    ]);
    const software: Record<string, string> = { name: SOFTWARE_NAME, version: SOFTWARE_VERSION };
    if (version === '2.1') software.repository = SOFTWARE_REPOSITORY;
    return json(
      {
        version,
        software,
        protocols: ['activitypub'],
        services: { inbound: [], outbound: ['atom1.0'] },
        openRegistrations: registrations !== 'closed',
        usage: { users: { total: usage.users }, localPosts: usage.localEvents, localComments: usage.localComments },
        metadata: { nodeName: config.instanceName, nodeDescription: config.instanceDescription }
      },
      `application/json; profile="${NODEINFO_SCHEMA}/${version}#"`
    );
  }

  return async function handleWellKnown(request: Request): Promise<Response | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const { pathname } = new URL(request.url);
    switch (pathname) {
      case '/.well-known/host-meta':
        return new Response(
          `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" type="application/jrd+json" template="${base}/.well-known/webfinger?resource={uri}"/>\n</XRD>\n`,
          { headers: { 'content-type': 'application/xrd+xml; charset=utf-8', 'access-control-allow-origin': '*' } }
        );
      case '/.well-known/nodeinfo':
        return json({
          links: [
            { rel: `${NODEINFO_SCHEMA}/2.0`, href: `${base}/.well-known/nodeinfo/2.0` },
            { rel: `${NODEINFO_SCHEMA}/2.1`, href: `${base}/.well-known/nodeinfo/2.1` },
            { rel: 'https://www.w3.org/ns/activitystreams#Application', href: `${base}/relay` }
          ]
        });
      case '/.well-known/nodeinfo/2.0':
        return nodeInfo('2.0');
      case '/.well-known/nodeinfo/2.1':
        return nodeInfo('2.1');
      default:
        return undefined;
    }
  };
}
