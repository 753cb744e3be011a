import type { FollowsService } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ParticipationService } from '../events/index.ts';
import { pruneUnreachableInbox } from './unreachable.ts';

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
}
