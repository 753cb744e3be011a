import type { Event as EventRow } from '../../db/schema/events.ts';
import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import { User } from './accounts.ts';
import { Person } from './actors.ts';
import { Event } from './events.ts';

export const PaginatedEventList = builder
  .objectRef<{ total: number; elements: EventRow[] }>('PaginatedEventList')
  .implement({
    fields: (t) => ({
      total: t.exposeInt('total'),
      elements: t.field({ type: [Event], nullable: { list: true, items: true }, resolve: (l) => l.elements })
    })
  });

builder.objectField(User, 'drafts', (t) =>
  t.field({
    type: PaginatedEventList,
    description: 'The draft events organized by the profiles of this account',
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (user, args, ctx) => {
      if (ctx.user?.id !== user.id) throw new DomainError('forbidden', 'You may not see these drafts');
      const profiles = await ctx.identities();
      return ctx.services.queries.myEvents.organizedBy(
        profiles.map((p) => p.id),
        { drafts: true, includeNonPublic: true, page: args.page ?? 1, limit: args.limit ?? 10 }
      );
    }
  })
);

builder.objectField(Person, 'organizedEvents', (t) =>
  t.field({
    type: PaginatedEventList,
    description: 'The published events this profile organizes (all of them for its owner, the public ones otherwise)',
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: (person, args, ctx) => {
      const owner = ctx.user !== null && person.userId === ctx.user?.id;
      return ctx.services.queries.myEvents.organizedBy([person.id], {
        drafts: false,
        includeNonPublic: owner,
        page: args.page ?? 1,
        limit: args.limit ?? 10
      });
    }
  })
);
