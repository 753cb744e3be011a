import { DomainError } from '../../core/errors.ts';
import type { InstanceSummary } from '../../domain/fediverse/index.ts';
import { builder } from '../builder.ts';
import { requireAdministrator } from '../guards.ts';

const InstanceFollowStatus = builder.enumType('InstanceFollowStatus', {
  values: {
    APPROVED: { description: 'The instance follow was approved' },
    PENDING: { description: 'The instance follow is still pending' },
    NONE: { description: "There's no instance follow etablished" }
  } as const
});

const InstancesSortFields = builder.enumType('InstancesSortFields', {
  values: {
    EVENT_COUNT: { value: 'eventCount' },
    PERSON_COUNT: { value: 'personCount' },
    GROUP_COUNT: { value: 'groupCount' },
    FOLLOWERS_COUNT: { value: 'followersCount' },
    FOLLOWINGS_COUNT: { value: 'followingsCount' },
    REPORTS_COUNT: { value: 'reportsCount' },
    MEDIA_SIZE: { value: 'mediaSize' }
  } as const
});

const InstanceFilterFollowStatus = builder.enumType('InstanceFilterFollowStatus', {
  values: ['ALL', 'FOLLOWING', 'FOLLOWED'] as const
});

const InstanceFilterSuspendStatus = builder.enumType('InstanceFilterSuspendStatus', {
  values: ['ALL', 'SUSPENDED'] as const
});

/** GraphQL's Int is 32 bits; a larger total of bytes reads as the largest Int. */
const int32 = (n: number) => Math.min(n, 2_147_483_647);

export const Instance = builder.objectRef<InstanceSummary>('Instance').implement({
  description: 'An instance representation',
  fields: (t) => ({
    domain: t.exposeID('domain', { description: 'The domain name of the instance' }),
    followerStatus: t.field({
      type: InstanceFollowStatus,
      description: 'Does this instance follow us?',
      resolve: (i) => i.followerStatus
    }),
    followedStatus: t.field({
      type: InstanceFollowStatus,
      description: 'Do we follow this instance?',
      resolve: (i) => i.followedStatus
    }),
    eventCount: t.exposeInt('eventCount', { description: 'The number of events on this instance we know of' }),
    personCount: t.exposeInt('personCount', { description: 'The number of profiles on this instance we know of' }),
    groupCount: t.exposeInt('groupCount', { description: 'The number of groups on this instance we know of' }),
    followersCount: t.exposeInt('followersCount', { description: 'The number of their actors who follow ours' }),
    followingsCount: t.exposeInt('followingsCount', { description: 'The number of our actors who follow theirs' }),
    reportsCount: t.exposeInt('reportsCount', {
      description: 'The number of reports made against profiles from this instance'
    }),
    mediaSize: t.int({
      description: 'The size of the pictures of actors from this instance stored here, in bytes',
      resolve: (i) => int32(i.mediaSize)
    }),
    hasRelay: t.boolean({
      description: 'Whether this instance has an instance actor that we can follow',
      resolve: (i) => i.relayActorId !== null
    }),
    relayAddress: t.exposeString('relayAddress', { description: 'Its instance actor’s federated username' }),
    instanceName: t.exposeString('name', { description: "This instance's name" }),
    instanceDescription: t.exposeString('description', { description: "This instance's description" }),
    software: t.exposeString('software', { description: 'The software this instance declares running' }),
    softwareVersion: t.exposeString('softwareVersion', {
      description: 'The software version this instance declares running'
    }),
    blocked: t.boolean({
      description:
        'Convene: whether an administrator blocked this instance (nothing is delivered to it, nothing from it is taken)',
      resolve: (i) => i.blockedAt !== null
    })
  })
});

const PaginatedInstanceList = builder
  .objectRef<{ total: number; elements: InstanceSummary[] }>('PaginatedInstanceList')
  .implement({
    description: 'A paginated list of instances',
    fields: (t) => ({
      elements: t.field({
        type: [Instance],
        nullable: { list: true, items: true },
        description: 'A list of instances',
        resolve: (list) => list.elements
      }),
      total: t.exposeInt('total', { description: 'The total number of instances in the list' })
    })
  });

const directionOf = (direction: string | null | undefined) => (direction?.toLowerCase() === 'asc' ? 'asc' : 'desc');

/** An instance by domain, as the mutations answer it. */
export async function instanceOrFail(
  services: { queries: { instanceList: { byDomain(d: string): Promise<InstanceSummary | undefined> } } },
  domain: string
): Promise<InstanceSummary> {
  const instance = await services.queries.instanceList.byDomain(domain);
  if (!instance) throw new DomainError('not_found', 'This instance is not known here', { field: 'domain' });
  return instance;
}

builder.queryField('instances', (t) =>
  t.field({
    type: PaginatedInstanceList,
    description: 'List instances (administrators)',
    args: {
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      orderBy: t.arg({ type: InstancesSortFields, defaultValue: 'eventCount' }),
      filterDomain: t.arg.string(),
      filterFollowStatus: t.arg({ type: InstanceFilterFollowStatus, defaultValue: 'ALL' }),
      filterSuspendStatus: t.arg({ type: InstanceFilterSuspendStatus, defaultValue: 'ALL' }),
      direction: t.arg.string({ defaultValue: 'desc' })
    },
    resolve: (_root, args, ctx) => {
      requireAdministrator(ctx, 'You need to be an administrator to list instances');
      return ctx.services.queries.instanceList.list({
        page: args.page,
        limit: args.limit,
        orderBy: args.orderBy,
        direction: directionOf(args.direction),
        domain: args.filterDomain,
        followStatus: args.filterFollowStatus,
        blockedOnly: args.filterSuspendStatus === 'SUSPENDED'
      });
    }
  })
);

builder.queryField('instance', (t) =>
  t.field({
    type: Instance,
    description: "Get an instance's details (administrators)",
    args: { domain: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      requireAdministrator(ctx, 'You need to be an administrator to see an instance');
      return instanceOrFail(ctx.services, String(args.domain).trim().toLowerCase());
    }
  })
);

builder.mutationField('addInstance', (t) =>
  t.field({
    type: Instance,
    description: 'Follow an instance through its relay (administrators)',
    args: { domain: t.arg.string({ required: true, description: 'The instance domain to add' }) },
    resolve: async (_root, args, ctx) => {
      const domain = await ctx.services.relays.addInstance(ctx.user, args.domain);
      return instanceOrFail(ctx.services, domain);
    }
  })
);

builder.mutationField('blockInstance', (t) =>
  t.field({
    type: Instance,
    description:
      'Convene: block an instance (administrators). Nothing more is delivered to it, pending deliveries are given up, and what it sends is dropped.',
    args: { domain: t.arg.string({ required: true, description: 'The instance domain (host[:port])' }) },
    resolve: async (_root, args, ctx) =>
      instanceOrFail(ctx.services, await ctx.services.instances.block(ctx.user, args.domain))
  })
);

builder.mutationField('unblockInstance', (t) =>
  t.field({
    type: Instance,
    description: 'Convene: lift the block of an instance (administrators)',
    args: { domain: t.arg.string({ required: true, description: 'The instance domain (host[:port])' }) },
    resolve: async (_root, args, ctx) =>
      instanceOrFail(ctx.services, await ctx.services.instances.unblock(ctx.user, args.domain))
  })
);
