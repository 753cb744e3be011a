import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Event } from '../../db/schema/events.ts';
import { canSeeEvent, type Viewer } from '../events/index.ts';
import { REMOTE_LOOKUP_LIMIT, type RateLimiter } from '../ratelimit/index.ts';
import { parseLookupAddress, type LookupAddress } from './lookup-address.ts';
import type { LookupResult, RemoteLookup } from './lookup.ts';
import { eventSearchInput, personSearchInput, type EventSearchInput, type PersonSearchInput } from './search.inputs.ts';
import type { SearchPage, SearchQueries } from './search.queries.ts';

export interface SearchDeps {
  queries: SearchQueries;
  rateLimiter: RateLimiter;
  /** Where this instance lives: its own addresses are never fetched. */
  publicUrl: string;
  domain: string;
  longEventDays: number;
  /** Finds an event's row by id (the event a comment answers). */
  eventById(id: number): Promise<Event | undefined>;
}

const OWN_EVENT_PAGE = /^\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
const nothing = { kind: 'nothing', reason: 'not_found' } as const satisfies LookupResult;
const visibleActor = (actor: Actor) => !actor.suspended && actor.deletedAt === null;

/**
 * Search, and what a pasted address names. Words search what is stored here (search.queries.ts);
 * a URL or a handle names one thing: what is stored under it, or, for a signed-in person, what its
 * server answers (fetched through the federation's RemoteLookup, stored by the usual checks).
 */
export class SearchService {
  private readonly deps: SearchDeps;
  private remote: RemoteLookup | undefined;
  /** Look-ups under way: one request's searchEvents and searchPersons share one fetch. */
  private readonly inFlight = new Map<string, Promise<LookupResult>>();
  constructor(deps: SearchDeps) {
    this.deps = deps;
  }

  /** The federation module provides remote look-ups when it runs. */
  useLookup(remote: RemoteLookup): void {
    this.remote = remote;
  }

  async searchEvents(viewer: Viewer, input: EventSearchInput): Promise<SearchPage<Event>> {
    const filter = parseInput(eventSearchInput, input);
    const address = parseLookupAddress(filter.term);
    if (address) {
      const found = await this.resolve(viewer, address);
      return found.kind === 'event' && filter.page === 1
        ? { total: 1, elements: [found.event] }
        : { total: 0, elements: [] };
    }
    return this.deps.queries.events(filter, this.deps.longEventDays);
  }

  async searchPersons(viewer: Viewer, input: PersonSearchInput): Promise<SearchPage<Actor>> {
    const filter = parseInput(personSearchInput, input);
    const address = parseLookupAddress(filter.term);
    if (address) {
      const found = await this.resolve(viewer, address);
      return found.kind === 'actor' && found.actor.type === 'Person' && filter.page === 1
        ? { total: 1, elements: [found.actor] }
        : { total: 0, elements: [] };
    }
    return this.deps.queries.persons(filter);
  }

  /**
   * A signed-in person asks for a fresh copy of a remote profile or group (Mobilizon's
   * `refreshProfile`); rate-limited like look-ups. Local actors are answered as they are.
   */
  async refreshActor(viewer: Viewer, actor: Actor): Promise<Actor> {
    if (actor.domain === null || !this.remote || viewer.userId === null) return actor;
    const { limit, windowSeconds } = REMOTE_LOOKUP_LIMIT;
    const allowed = await this.deps.rateLimiter.hit(`remoteLookup:user:${viewer.userId}`, limit, windowSeconds);
    if (!allowed.allowed)
      throw new DomainError('rate_limited', 'Too many look-ups of other servers, please try again later');
    return (await this.remote.refreshActor(actor.apId)) ?? actor;
  }

  /** The event, profile, group or comment an address names (Mobilizon's `interact`). */
  async interact(viewer: Viewer, uri: string): Promise<Event | Actor | Comment> {
    const address = parseLookupAddress(uri);
    if (!address) throw new DomainError('validation', 'This is not an address', { field: 'uri' });
    const found = await this.resolve(viewer, address);
    switch (found.kind) {
      case 'event':
        return found.event;
      case 'actor':
        // Profiles and groups; an instance actor is nothing to interact with.
        if (found.actor.type === 'Application') break;
        return found.actor;
      case 'comment':
        return found.comment;
      case 'nothing':
        break;
    }
    throw new DomainError('not_found', 'Nothing that can be shown was found at this address', { field: 'uri' });
  }

  /** What an address names, if the viewer may see it: stored here, else fetched for signed-in people. */
  private async resolve(viewer: Viewer, address: LookupAddress): Promise<LookupResult> {
    const key = `${viewer.userId ?? '-'} ${address.kind === 'url' ? address.url : `${address.username}@${address.host}`}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.storedOrFetched(viewer, address).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return this.visible(viewer, await pending);
  }

  private async storedOrFetched(viewer: Viewer, address: LookupAddress): Promise<LookupResult> {
    return (await this.stored(address)) ?? (await this.fetched(viewer, address));
  }

  private async stored(address: LookupAddress): Promise<LookupResult | null> {
    if (address.kind === 'handle') {
      const actor = await this.deps.queries.actorByHandle(address.username, address.host);
      if (actor) return { kind: 'actor', actor };
      return address.host === this.deps.domain ? nothing : null;
    }
    const { event, actor, comment } = await this.deps.queries.byAddress(address.url);
    if (event) return { kind: 'event', event };
    if (actor) return { kind: 'actor', actor };
    if (comment) return { kind: 'comment', comment };
    // Our own addresses are answered from the database, never fetched; a copy's page here is its uuid.
    const url = new URL(address.url);
    if (url.origin !== new URL(this.deps.publicUrl).origin) return null;
    const page = OWN_EVENT_PAGE.exec(url.pathname);
    const copy = page?.[1] ? await this.deps.queries.eventByUuid(page[1]) : undefined;
    return copy ? { kind: 'event', event: copy } : nothing;
  }

  private async fetched(viewer: Viewer, address: LookupAddress): Promise<LookupResult> {
    // Anonymous visitors never make this server fetch anything.
    if (viewer.userId === null || !this.remote) return nothing;
    const { limit, windowSeconds } = REMOTE_LOOKUP_LIMIT;
    const allowed = await this.deps.rateLimiter.hit(`remoteLookup:user:${viewer.userId}`, limit, windowSeconds);
    if (!allowed.allowed)
      throw new DomainError('rate_limited', 'Too many look-ups of other servers, please try again later');
    return this.remote.lookup(address);
  }

  private async visible(viewer: Viewer, found: LookupResult): Promise<LookupResult> {
    switch (found.kind) {
      case 'event':
        // As on its page: an unlisted event is shown to whoever has its address, drafts and private ones are not.
        return canSeeEvent(viewer, found.event) ? found : nothing;
      case 'actor':
        return visibleActor(found.actor) ? found : nothing;
      case 'comment': {
        const { comment } = found;
        if (comment.deletedAt !== null || (comment.visibility !== 'public' && comment.visibility !== 'unlisted'))
          return nothing;
        const event = comment.eventId === null ? undefined : await this.deps.eventById(comment.eventId);
        return !event || canSeeEvent(viewer, event) ? found : nothing;
      }
      case 'nothing':
        return found;
    }
  }
}
