import type { FollowsService } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ParticipationService } from '../events/index.ts';
import { pruneUnreachableInbox } from './unreachable.ts';
import { recordShare, removeShare } from './shares.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { transaction } from '../../db/transaction.ts';
import { recordTombstone } from './tombstones.ts';

const sameOrigin = (a: string, b: string) => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/** Changes to what this instance knows of other servers and their actors. */
export class FediverseService {
  private readonly deps: ServiceDeps;
  private readonly follows: FollowsService;
  private readonly participation: ParticipationService;
  constructor(deps: ServiceDeps, follows: FollowsService, participation: ParticipationService) {
    this.deps = deps;
    this.follows = follows;
    this.participation = participation;
  }

  /** An inbox answered 404/410: whoever receives there stops following and taking part here. */
  pruneUnreachableInbox(inboxUrl: string) {
    return pruneUnreachableInbox(
      { deps: this.deps, follows: this.follows, participation: this.participation },
      inboxUrl
    );
  }

  /** A remote actor announced an object; remote events reach lists through announces by followed relays. */
  recordShare(input: { announcer: Actor; objectApId: string; eventId: number | null; apId: string | null }) {
    if (input.announcer.domain === null) return Promise.resolve();
    return recordShare(this.deps.db, input);
  }

  removeShare(announcer: Actor, objectApId: string) {
    return removeShare(this.deps.db, announcer, objectApId);
  }

  /**
   * A remote actor deleted an object we do not have: remembered as gone when it lives on that
   * actor's server, so that a Create arriving late does not bring it in. Whether it was.
   */
  async rememberDeleted(apId: string, formerType: string, sender: Actor): Promise<boolean> {
    if (sender.domain === null || !sameOrigin(apId, sender.apId)) return false;
    await transaction(this.deps.pool, (tx) => recordTombstone(tx, apId, formerType, sender.id));
    return true;
  }
}
