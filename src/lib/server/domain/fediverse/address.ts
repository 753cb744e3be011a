import { DomainError } from '../../core/errors.ts';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** A host name (or IPv4 address) with an optional port: how instances are keyed (`instances.domain`). */
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::(\\d{1,5}))?$`);
const USERNAME = /^[a-z0-9_][a-z0-9_.-]{0,99}$/;

/** An instance's domain as typed by an administrator: `host[:port]`, also pasted as a URL; lower-cased. */
export function parseInstanceDomain(raw: string, field = 'domain'): string {
  let text = raw.trim().toLowerCase();
  if (/^https?:\/\//.test(text)) {
    try {
      text = new URL(text).host;
    } catch {
      throw new DomainError('validation', 'This is not a domain name', { field });
    }
  }
  text = text.replace(/\/+$/, '');
  const match = DOMAIN.exec(text);
  const port = match?.[1] === undefined ? undefined : Number(match[1]);
  if (!match || text.length > 260 || (port !== undefined && (port < 1 || port > 65535))) {
    throw new DomainError('validation', 'This is not a domain name', { field });
  }
  return text;
}

export interface RelayAddress {
  /** null: the instance's own actor (its relay), whatever it is named. */
  username: string | null;
  domain: string;
}

/**
 * An address as Mobilizon's client sends it to `acceptRelay`, `rejectRelay` and `removeRelay`:
 * `relay@domain` (an instance's relay), `name@domain` (any remote actor following ours) or a bare
 * domain (that instance's relay).
 */
export function parseRelayAddress(raw: string): RelayAddress {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/^acct:/, '')
    .replace(/^@/, '');
  const at = text.lastIndexOf('@');
  if (at === -1) return { username: null, domain: parseInstanceDomain(text, 'address') };
  const username = text.slice(0, at);
  if (!USERNAME.test(username)) throw new DomainError('validation', 'This is not an address', { field: 'address' });
  return { username, domain: parseInstanceDomain(text.slice(at + 1), 'address') };
}
