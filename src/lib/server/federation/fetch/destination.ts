import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isLocalHostname, isPublicAddress } from './addresses.ts';
import { SafeFetchError } from './errors.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → every address it resolves to. The system resolver unless a test passes another. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** A URL we may connect to, with the checked addresses the connection must use (and no others). */
export interface Destination {
  url: URL;
  /** The host name without IPv6 brackets. */
  hostname: string;
  addresses: ResolvedAddress[];
}

export interface DestinationPolicy {
  /** Tests only (ALLOW_PRIVATE_ADDRESSES): any address may be reached. */
  allowPrivateAddresses: boolean;
  resolve: Resolver;
}

/**
 * Checks one hop before any connection: http or https only, no credentials, and — in production —
 * a host that is neither a local name nor an address outside public unicast, nor a name any of
 * whose addresses is (a single private answer among public ones refuses the whole name, since
 * the connection could pick it).
 */
export async function checkDestination(url: URL, policy: DestinationPolicy): Promise<Destination> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SafeFetchError(url, 'unsupported-protocol', `only http and https are fetched, not ${url.protocol}`);
  if (url.username || url.password)
    throw new SafeFetchError(url, 'invalid-url', 'URLs with credentials are not fetched');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(hostname);
  if (family !== 0) {
    if (!policy.allowPrivateAddresses && !isPublicAddress(hostname))
      throw new SafeFetchError(url, 'private-address', `${hostname} is not a public address`);
    return { url, hostname, addresses: [{ address: hostname, family: family === 6 ? 6 : 4 }] };
  }
  if (!policy.allowPrivateAddresses && isLocalHostname(hostname))
    throw new SafeFetchError(url, 'private-address', `${hostname} names this machine`);
  let addresses: ResolvedAddress[];
  try {
    addresses = await policy.resolve(hostname);
  } catch (error) {
    throw new SafeFetchError(url, 'dns-failure', `${hostname} could not be resolved (${(error as Error).message})`);
  }
  if (addresses.length === 0) throw new SafeFetchError(url, 'dns-failure', `${hostname} has no address`);
  if (!policy.allowPrivateAddresses) {
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused)
      throw new SafeFetchError(
        url,
        'private-address',
        `${hostname} resolves to ${refused.address}, not a public address`
      );
  }
  return { url, hostname, addresses };
}
