import type { FollowWithActors } from '../../domain/actors/index.ts';
import { builder } from '../builder.ts';
import { Actor } from './actors.ts';

/** A follow, with both its actors (Mobilizon's `Follower`). */
export const Follower = builder.objectRef<FollowWithActors>('Follower').implement({
  description: "Represents an actor's follower",
  fields: (t) => ({
    id: t.id({ description: 'The follow ID', resolve: (f) => f.follow.id }),
    targetActor: t.field({ type: Actor, description: 'What or who the profile follows', resolve: (f) => f.target }),
    actor: t.field({ type: Actor, description: 'Which profile follows', resolve: (f) => f.follower }),
    approved: t.boolean({
      description: 'Whether the follow has been approved by the target actor',
      resolve: (f) => f.follow.approved
    }),
    notify: t.boolean({
      description: "Whether the follower will be notified by the target actor's activity or not (group follows)",
      resolve: (f) => f.follow.notify
    }),
    insertedAt: t.field({
      type: 'DateTime',
      description: 'When the follow was created',
      resolve: (f) => f.follow.createdAt
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the follow was updated',
      resolve: (f) => f.follow.updatedAt
    })
  })
});

export const PaginatedFollowerList = builder
  .objectRef<{ total: number; elements: FollowWithActors[] }>('PaginatedFollowerList')
  .implement({
    description: 'A paginated list of follower objects',
    fields: (t) => ({
      elements: t.field({
        type: [Follower],
        nullable: { list: true, items: true },
        description: 'A list of followers',
        resolve: (list) => list.elements
      }),
      total: t.exposeInt('total', { description: 'The total number of elements in the list' })
    })
  });
