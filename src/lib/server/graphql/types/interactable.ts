import type { Actor as ActorRow } from '../../db/schema/actors.ts';
import type { Comment as CommentRow } from '../../db/schema/comments.ts';
import type { Event as EventRow } from '../../db/schema/events.ts';
import { builder } from '../builder.ts';

export type InteractableShape = EventRow | ActorRow | CommentRow;

/**
 * What `interact(uri)` answers: in Mobilizon an Event or a Group; here profiles and comments too
 * (a client that knows only the first two sees a type it does not handle, as for an unknown URI).
 */
export const Interactable = builder.interfaceRef<InteractableShape>('Interactable').implement({
  description: 'A entity that can be interacted with from a remote instance',
  resolveType: (value) => {
    if ('beginsOn' in value) return 'Event';
    if ('preferredUsername' in value) return value.type === 'Group' ? 'Group' : 'Person';
    return 'Comment';
  },
  fields: (t) => ({
    url: t.string({
      description: 'A public URL for the entity',
      resolve: (value) => ('preferredUsername' in value ? (value.url ?? value.apId) : value.url)
    })
  })
});
