import type { Actor as ActorRow } from '../../db/schema/actors.ts';
import type { Event as EventRow } from '../../db/schema/events.ts';
import type { EventSort } from '../../domain/search/index.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { Person } from './actors.ts';
import { EventSearchResult, EventStatus, lower } from './events.ts';
import { GroupSearchResult, GroupVisibility } from './groups.ts';
import { Interactable } from './interactable.ts';

const SearchTarget = builder.enumType('SearchTarget', {
  description: 'SELF: this instance’s events; INTERNAL: every public event stored here; GLOBAL: as INTERNAL',
  values: ['SELF', 'INTERNAL', 'GLOBAL'] as const
});
const EventType = builder.enumType('EventType', { values: ['IN_PERSON', 'ONLINE'] as const });
const SearchEventSortOptions = builder.enumType('SearchEventSortOptions', {
  values: [
    'MATCH_DESC',
    'START_TIME_ASC',
    'START_TIME_DESC',
    'CREATED_AT_DESC',
    'CREATED_AT_ASC',
    'PARTICIPANT_COUNT_DESC'
  ] as const
});
const SearchGroupSortOptions = builder.enumType('SearchGroupSortOptions', {
  values: [
    'MATCH_DESC',
    'MEMBER_COUNT_ASC',
    'MEMBER_COUNT_DESC',
    'CREATED_AT_ASC',
    'CREATED_AT_DESC',
    'LAST_EVENT_ACTIVITY'
  ] as const
});

interface Page<T> {
  total: number;
  elements: T[];
}

const Events = builder.objectRef<Page<EventRow>>('Events').implement({
  description: 'Search events result',
  fields: (t) => ({
    total: t.exposeInt('total', { nullable: false }),
    elements: t.field({ type: [EventSearchResult], nullable: { list: false, items: true }, resolve: (p) => p.elements })
  })
});
const Persons = builder.objectRef<Page<ActorRow>>('Persons').implement({
  description: 'Search persons result',
  fields: (t) => ({
    total: t.exposeInt('total', { nullable: false }),
    elements: t.field({ type: [Person], nullable: { list: false, items: true }, resolve: (p) => p.elements })
  })
});
const Groups = builder.objectRef<Page<ActorRow>>('Groups').implement({
  description: 'Search groups result',
  fields: (t) => ({
    total: t.exposeInt('total', { nullable: false }),
    elements: t.field({ type: [GroupSearchResult], nullable: { list: false, items: true }, resolve: (p) => p.elements })
  })
});

async function viewerOf(ctx: GraphQLContext) {
  const identities = ctx.user ? await ctx.identities() : [];
  return { userId: ctx.user?.id ?? null, actorIds: identities.map((a) => a.id) };
}

builder.queryField('searchEvents', (t) =>
  t.field({
    type: Events,
    description: 'Search events',
    args: {
      term: t.arg.string({ defaultValue: '' }),
      tags: t.arg.string({ description: 'A comma-separated string listing the tags' }),
      location: t.arg.string({ description: 'A geohash for coordinates' }),
      type: t.arg({ type: EventType, description: 'Whether the event is online or in person' }),
      category: t.arg.string({ description: 'The category for the event' }),
      categoryOneOf: t.arg.stringList({ required: { list: false, items: false } }),
      statusOneOf: t.arg({ type: [EventStatus], required: { list: false, items: false } }),
      languageOneOf: t.arg.stringList({ required: { list: false, items: false } }),
      boostLanguages: t.arg.stringList({
        required: { list: false, items: false },
        description: 'Accepted; without ranking there is nothing to boost'
      }),
      searchTarget: t.arg({ type: SearchTarget, defaultValue: 'INTERNAL' }),
      radius: t.arg.float({ defaultValue: 50 }),
      longEvents: t.arg.boolean(),
      bbox: t.arg.string({ description: 'Accepted, not applied (use location and radius)' }),
      zoom: t.arg.int({ description: 'Accepted, not applied' }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      beginsOn: t.arg({ type: 'DateTime', description: 'Events not over at this time (default: now)' }),
      endsOn: t.arg({ type: 'DateTime', description: 'Events starting by this time' }),
      sortBy: t.arg({ type: SearchEventSortOptions, defaultValue: 'MATCH_DESC' })
    },
    resolve: async (_root, args, ctx) => {
      const categories = [...(args.categoryOneOf ?? []), ...(args.category ? [args.category] : [])];
      return ctx.services.search.searchEvents(await viewerOf(ctx), {
        term: args.term,
        tags: args.tags,
        location: args.location,
        radius: args.radius,
        type: args.type === 'ONLINE' ? 'online' : args.type === 'IN_PERSON' ? 'in_person' : null,
        categories,
        statuses: args.statusOneOf,
        languages: args.languageOneOf,
        target: args.searchTarget === 'SELF' ? 'self' : 'internal',
        beginsOn: args.beginsOn,
        endsOn: args.endsOn,
        longEvents: args.longEvents,
        sort: lower(args.sortBy ?? 'MATCH_DESC') as EventSort,
        page: args.page ?? 1,
        limit: args.limit ?? 10
      });
    }
  })
);

builder.queryField('searchPersons', (t) =>
  t.field({
    type: Persons,
    description: 'Search persons',
    args: {
      term: t.arg.string({ defaultValue: '' }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 })
    },
    resolve: async (_root, args, ctx) =>
      ctx.services.search.searchPersons(await viewerOf(ctx), {
        term: args.term,
        page: args.page ?? 1,
        limit: args.limit ?? 10
      })
  })
);

builder.queryField('searchGroups', (t) =>
  t.field({
    type: Groups,
    description: 'Search groups (none exist in this version yet: always an empty page)',
    args: {
      term: t.arg.string({ defaultValue: '' }),
      location: t.arg.string(),
      excludeMyGroups: t.arg.boolean(),
      minimumVisibility: t.arg({ type: GroupVisibility }),
      radius: t.arg.float({ defaultValue: 50 }),
      languageOneOf: t.arg.stringList({ required: { list: false, items: false } }),
      boostLanguages: t.arg.stringList({ required: { list: false, items: false } }),
      searchTarget: t.arg({ type: SearchTarget, defaultValue: 'INTERNAL' }),
      bbox: t.arg.string(),
      zoom: t.arg.int(),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      sortBy: t.arg({ type: SearchGroupSortOptions, defaultValue: 'MATCH_DESC' })
    },
    resolve: () => ({ total: 0, elements: [] })
  })
);

builder.queryField('interact', (t) =>
  t.field({
    type: Interactable,
    description: 'Interact with an URI: the event, profile or comment it names, fetched from its server if needed',
    args: { uri: t.arg.string({ required: true, description: 'The URI for to interact with' }) },
    resolve: async (_root, args, ctx) => ctx.services.search.interact(await viewerOf(ctx), args.uri)
  })
);
