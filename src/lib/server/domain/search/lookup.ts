import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Event } from '../../db/schema/events.ts';
import type { LookupAddress } from './lookup-address.ts';

/** What an address turned out to name, once stored here; or why there is nothing to show. */
export type LookupResult =
  | { kind: 'event'; event: Event }
  | { kind: 'actor'; actor: Actor }
  | { kind: 'comment'; comment: Comment }
  | {
      kind: 'nothing';
      /**
       * not_found: the server answered that nothing is there; unsupported: an ActivityPub object we
       * do not keep (a Note answering nothing here, a Question…); not_activitypub: a web page, an
       * image, a refused or unreachable address; refused: an object our checks did not take.
       */
      reason: 'not_found' | 'unsupported' | 'not_activitypub' | 'refused';
    };

/**
 * How the domain reads one object from another server. Implemented by the federation module
 * (WebFinger, checked fetches, the usual inbound conversions and checks); it stores what it takes
 * and hands back plain rows.
 */
export interface RemoteLookup {
  lookup(address: LookupAddress): Promise<LookupResult>;
  /** Reads a known remote actor again from its server; null when it could not be read. */
  refreshActor(apId: string): Promise<Actor | null>;
}
