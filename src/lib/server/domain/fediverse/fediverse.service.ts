import type { FollowsService } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ParticipationService } from '../events/index.ts';
import { pruneUnreachableInbox } from './unreachable.ts';
import { recordShare, removeShare } from './shares.ts';
import type { Actor } from '../../db/schema/actors.ts';

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
}
