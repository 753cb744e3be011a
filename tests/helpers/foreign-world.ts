import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actorDocument, startRemoteSink, type RemoteSink } from './remote-sink.ts';
import { newSigningKey, type GeneratedKey } from './signed-post.ts';

const AP_JSON = { 'content-type': 'application/activity+json' };

export type Json = Record<string, unknown>;

/** The shared Mobilizon reference folder beside the checkout, when present. */
export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'mobilizon', 'fixtures');

export const readFixture = (name: string): Json => JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as Json;

/**
 * The servers a recorded payload talks about (mobilizon.fr, framapiaf.org…), stood in for by
 * loopback sinks, one per origin, so that a real instance of ours can receive the payload unchanged
 * but for its addresses: every URL of a foreign origin is rewritten to its sink, and the origins
 * named local are rewritten to the instance itself. Actors get keys of our making (the recorded
 * ones have no private half); objects are served at their ids for the instance to fetch.
 */
export class ForeignWorld {
  private readonly sinks = new Map<string, RemoteSink>();
  private readonly mappings: [string, string][] = [];
  private readonly keys = new Map<string, GeneratedKey>();

  private readonly localBaseUrl: string;

  /**
   * `local`: origins (or longer prefixes) that stand for the instance under test, each mapped to its
   * base URL, or to a URL of the instance given with it (`[recorded prefix, our URL]`).
   */
  constructor(localBaseUrl: string, local: readonly (string | readonly [string, string])[]) {
    this.localBaseUrl = localBaseUrl;
    for (const entry of local)
      this.mappings.push(typeof entry === 'string' ? [entry, localBaseUrl] : [entry[0], entry[1]]);
  }

  /** Maps a prefix to a sink of its own (for a foreign actor on a host otherwise local, say). */
  async foreign(prefix: string): Promise<string> {
    const existing = this.mappings.find(([from]) => from === prefix);
    if (existing) return existing[1];
    const sink = await startRemoteSink();
    this.sinks.set(prefix, sink);
    const path = new URL(prefix).pathname.replace(/\/$/, '');
    this.mappings.push([prefix, sink.baseUrl + path]);
    return sink.baseUrl + path;
  }

  /** Every string in `value` with its foreign origins rewritten (new origins get a sink). */
  async rewrite<T>(value: T): Promise<T> {
    for (const origin of collectOrigins(value)) {
      if (!this.mappings.some(([from]) => origin.startsWith(from) || from.startsWith(origin)))
        await this.foreign(origin);
    }
    const ordered = [...this.mappings].sort((a, b) => b[0].length - a[0].length);
    return replaceDeep(value, (s: string) => {
      for (const [from, to] of ordered) if (s.startsWith(from)) return to + s.slice(from.length);
      return s;
    });
  }

  private sinkOf(url: string): RemoteSink {
    const { origin } = new URL(url);
    for (const sink of this.sinks.values()) if (sink.baseUrl === origin) return sink;
    throw new Error(`${url} is not served by a sink`);
  }

  /** Serves a document at its own id (already rewritten), as its server would. */
  serve(document: Json): void {
    const id = String(document.id);
    this.sinkOf(id).serve(new URL(id).pathname, { headers: AP_JSON, body: document });
  }

  /**
   * Serves an actor (already rewritten) with a key of ours, returning it to sign with. `document`
   * is the recorded actor when the corpus has one, else a minimal Person is made up.
   */
  async actor(id: string, document?: Json): Promise<GeneratedKey> {
    let key = this.keys.get(id);
    if (!key) {
      key = await newSigningKey(`${id}#main-key`);
      this.keys.set(id, key);
    }
    const base = document ?? actorDocument(id, key.publicKeyPem);
    // Its server takes what is delivered to it, as a live server does (a 404 would prune it).
    const inbox = typeof base.inbox === 'string' ? base.inbox : `${id}/inbox`;
    if ([...this.sinks.values()].some((sink) => sink.baseUrl === new URL(inbox).origin)) {
      this.sinkOf(inbox).serve(new URL(inbox).pathname, { status: 202, body: '' });
    }
    this.serve({
      // An actor embedded in an activity comes without a context of its own: it needs one alone.
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      ...base,
      inbox: base.inbox ?? `${id}/inbox`,
      publicKey: { id: key.keyId, owner: id, publicKeyPem: key.publicKeyPem }
    });
    return key;
  }

  /** Requests a sink received (to see that nothing was fetched, or what was). */
  requestsTo(url: string) {
    return this.sinkOf(url).requests;
  }

  async close(): Promise<void> {
    await Promise.all([...this.sinks.values()].map((s) => s.close()));
  }

  get local(): string {
    return this.localBaseUrl;
  }
}

/** Vocabulary namespaces are names, not servers: never rewritten. */
const NAMESPACES =
  /^https?:\/\/(www\.w3\.org|w3id\.org|schema\.org|joinmobilizon\.org|joinpeertube\.org|joinmastodon\.org|litepub\.social|ostatus\.org)\b/;

function collectOrigins(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = /^https?:\/\/[^/\s"#?]+/.exec(value);
    if (match && !NAMESPACES.test(match[0])) into.add(match[0]);
  } else if (Array.isArray(value)) value.forEach((v) => collectOrigins(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (key !== '@context') collectOrigins(v, into);
  }
  return into;
}

function replaceDeep<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return (NAMESPACES.test(value) ? value : fn(value)) as T;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, fn)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '@context' ? v : replaceDeep(v, fn)])
    ) as T;
  }
  return value;
}
