import { isActor } from '@fedify/vocab';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { InstanceDiscovery, NodeInfoSummary } from '../../domain/fediverse/index.ts';
import { SOFTWARE_VERSION } from '../../domain/instance/index.ts';
import type { FederationModuleContext } from '../module-context.ts';
import { resolveActor, storeRemoteActor } from '../remote-actors.ts';
import { fetchJson, FetchJsonError } from './fetch-json.ts';
import { nodeInfoLinks, nodeInfoSummary, type NodeInfoLinks } from './nodeinfo.ts';

interface WellKnown {
  origin: string;
  links: NodeInfoLinks;
}

/**
 * Finds out about another server: its NodeInfo (software, name), and its instance actor through
 * the FEP-2677 link, else WebFinger `relay@domain`, as Mobilizon does. Servers are reached over
 * https; plain http is tried too only where private addresses are allowed (tests, development).
 */
export function createInstanceDiscovery(fed: FederationModuleContext) {
  const options = {
    allowPrivateAddresses: fed.config.allowPrivateAddresses,
    userAgent: `Convene/${SOFTWARE_VERSION} (+${fed.config.publicUrl})`
  };
  const origins = (domain: string, scheme?: string) =>
    scheme
      ? [`${scheme}//${domain}`]
      : [`https://${domain}`, ...(options.allowPrivateAddresses ? [`http://${domain}`] : [])];

  async function wellKnown(domain: string, scheme?: string): Promise<WellKnown | null> {
    for (const origin of origins(domain, scheme)) {
      try {
        const body = await fetchJson(`${origin}/.well-known/nodeinfo`, options);
        return { origin, links: nodeInfoLinks(body, origin) };
      } catch (error) {
        // An answer (a 404) means this is the right origin, without NodeInfo.
        if (error instanceof FetchJsonError && error.status !== undefined)
          return { origin, links: { document: null, application: null } };
        fed.logger.debug('no NodeInfo at this origin', { origin, error: String(error) });
      }
    }
    return null;
  }

  async function summaryOf(found: WellKnown | null): Promise<NodeInfoSummary | null> {
    if (!found?.links.document) return null;
    try {
      return nodeInfoSummary(await fetchJson(found.links.document, options));
    } catch (error) {
      fed.logger.debug('NodeInfo document unreadable', { url: found.links.document, error: String(error) });
      return null;
    }
  }

  async function relayByWebFinger(domain: string): Promise<Actor | null> {
    try {
      const ctx = fed.context();
      const object = await ctx.lookupObject(`acct:relay@${domain}`);
      return isActor(object) ? await storeRemoteActor(ctx, object) : null;
    } catch (error) {
      fed.logger.debug('no relay@ by WebFinger', { domain, error: String(error) });
      return null;
    }
  }

  const discovery: InstanceDiscovery = {
    async discover(domain) {
      const found = await wellKnown(domain);
      const nodeInfo = await summaryOf(found);
      let relayActor: Actor | null = null;
      if (found?.links.application && new URL(found.links.application).host === domain) {
        relayActor = await resolveActor(fed.context(), found.links.application).catch((error: unknown) => {
          fed.logger.debug('FEP-2677 actor unusable', { url: found.links.application, error: String(error) });
          return null;
        });
      }
      relayActor ??= await relayByWebFinger(domain);
      if (!found && !relayActor) {
        throw new DomainError('not_found', 'Unable to find an instance at this address', { field: 'domain' });
      }
      return { nodeInfo, relayActor };
    }
  };

  /** What a server's NodeInfo says, for an instance that came to us (its actor's URL gives the scheme). */
  async function nodeInfoOf(actorUrl: string): Promise<NodeInfoSummary | null> {
    const url = new URL(actorUrl);
    return summaryOf(await wellKnown(url.host, url.protocol));
  }

  return { discovery, nodeInfoOf };
}

export type InstanceDiscoveryModule = ReturnType<typeof createInstanceDiscovery>;
