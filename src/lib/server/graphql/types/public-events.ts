import { builder } from '../builder.ts';
import { SortDirection } from './admin-users.ts';
import { PaginatedEventList } from './my-events.ts';

export const EventOrderBy = builder.enumType('EventOrderBy', {
  values: {
    BEGINS_ON: { value: 'beginsOn', description: 'Sort by the date the event starts' },
    INSERTED_AT: { value: 'insertedAt', description: 'Sort by the date the event was created' },
    UPDATED_AT: { value: 'updatedAt', description: 'Sort by the date the event was updated' }
  } as const
});

builder.queryField('events', (t) =>
  t.field({
    type: PaginatedEventList,
    description: 'Published public events that have not ended yet, one page at a time',
    args: {
      location: t.arg.string({ description: 'A geohash for coordinates' }),
      radius: t.arg.float({ description: 'Radius around the location to search in (km)' }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      orderBy: t.arg({ type: EventOrderBy, defaultValue: 'beginsOn' }),
      direction: t.arg({ type: SortDirection, defaultValue: 'ASC' }),
      longEvents: t.arg.boolean({ description: 'Only long events (true), none of them (false), or all' })
    },
    resolve: (_root, args, ctx) =>
      ctx.services.queries.events.listPublic({
        page: args.page ?? 1,
        limit: args.limit ?? 10,
        orderBy: args.orderBy ?? 'beginsOn',
        direction: args.direction === 'DESC' ? 'desc' : 'asc',
        location: args.location,
        radius: args.radius,
        longEvents: args.longEvents,
        longEventDays: ctx.services.config.longEventDays
      })
  })
);
