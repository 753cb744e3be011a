import DataLoader from 'dataloader';
import { DomainError } from '../../core/errors.ts';
import type { GroupActivity } from '../../db/schema/groups.ts';
import type { Member as MemberRow } from '../../db/schema/groups.ts';
import { canInGroup } from '../../domain/groups/index.ts';
import { currentProfile } from '../acting.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { requireUser } from '../guards.ts';
import {
  ActivityObject,
  implementsActivityObject,
  loadActivityObject,
  registerActivityObject
} from './activity-objects.ts';
import { Comment } from './comments.ts';
import { Actor } from './actors.ts';
import { Event } from './events.ts';
import { Group } from './groups.ts';
import { Member } from './members.ts';

const memberLoaders = new WeakMap<GraphQLContext, DataLoader<number, MemberRow | undefined>>();
const memberLoader = (ctx: GraphQLContext) => {
  let loader = memberLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = new Map((await ctx.services.queries.groupActivity.membersByIds(ids)).map((m) => [m.id, m]));
      return ids.map((id) => rows.get(id));
    });
    memberLoaders.set(ctx, loader);
  }
  return loader;
};

// The objects a line may speak of; other types register themselves the same way (one line each).
implementsActivityObject(Comment);
registerActivityObject(Event, 'event', (ctx, id) => ctx.loaders.event.load(id));
registerActivityObject(Member, 'member', (ctx, id) => memberLoader(ctx).load(id));
registerActivityObject(Group, 'group', async (ctx, id) => {
  const group = await ctx.loaders.actor.load(id);
  return group?.type === 'Group' && !group.deletedAt ? group : null;
});

export const ActivityType = builder.enumType('ActivityType', {
  values: {
    EVENT: { value: 'event', description: 'Activities concerning events' },
    POST: { value: 'post', description: 'Activities concerning posts' },
    DISCUSSION: { value: 'discussion', description: 'Activities concerning discussions' },
    RESOURCE: { value: 'resource', description: 'Activities concerning resources' },
    GROUP: { value: 'group', description: 'Activities concerning group settings' },
    MEMBER: { value: 'member', description: 'Activities concerning members' }
  } as const
});

const ActivityAuthor = builder.enumType('ActivityAuthor', {
  values: {
    SELF: { value: 'self', description: 'Activities created by the current actor' },
    BY: { value: 'by', description: 'Activities created by others' }
  } as const
});

const ActivityParamItem = builder.objectRef<{ key: string; value: string }>('ActivityParamItem').implement({
  fields: (t) => ({ key: t.exposeString('key'), value: t.exposeString('value') })
});

/**
 * The line's parameters as Mobilizon's client reads them: a member's line names the member
 * (`member_actor_name`, `member_actor_federated_username`) from the id it keeps.
 */
async function subjectParams(ctx: GraphQLContext, line: GroupActivity) {
  const params: Record<string, string> = { ...line.subjectParams };
  const memberActorId = Number(params.member_actor_id);
  if (Number.isSafeInteger(memberActorId) && memberActorId > 0) {
    const actor = await ctx.loaders.actor.load(memberActorId);
    if (actor) {
      params.member_actor_name ??= actor.name ?? actor.preferredUsername;
      params.member_actor_federated_username ??= actor.domain
        ? `${actor.preferredUsername}@${actor.domain}`
        : actor.preferredUsername;
    }
  }
  return Object.entries(params).map(([key, value]) => ({ key, value: String(value) }));
}

const Activity = builder.objectRef<GroupActivity>('Activity').implement({
  description: "One line of a group's history: who did what, when",
  fields: (t) => ({
    id: t.exposeID('id'),
    insertedAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
    priority: t.int({ description: 'Not ranked here', resolve: () => null }),
    type: t.field({ type: ActivityType, resolve: (a) => a.type }),
    subject: t.exposeString('subject'),
    subjectParams: t.field({
      type: [ActivityParamItem],
      nullable: { list: true, items: true },
      resolve: (a, _args, ctx) => subjectParams(ctx, a)
    }),
    message: t.string({ resolve: () => null }),
    messageParams: t.field({ type: [ActivityParamItem], nullable: { list: true, items: true }, resolve: () => [] }),
    object: t.field({ type: ActivityObject, resolve: (a, _args, ctx) => loadActivityObject(ctx, a) }),
    author: t.field({
      type: Actor,
      resolve: (a, _args, ctx) => (a.authorId === null ? null : ctx.loaders.actor.load(a.authorId))
    }),
    group: t.field({ type: Group, resolve: (a, _args, ctx) => ctx.loaders.actor.load(a.groupId) })
  })
});

const PaginatedActivityList = builder
  .objectRef<{ total: number; elements: GroupActivity[] }>('PaginatedActivityList')
  .implement({
    description: 'A paginated list of activity items',
    fields: (t) => ({
      elements: t.field({ type: [Activity], nullable: { list: true, items: true }, resolve: (p) => p.elements }),
      total: t.exposeInt('total')
    })
  });

builder.objectField(Group, 'activity', (t) =>
  t.field({
    type: PaginatedActivityList,
    description: "The group's history, newest first (its members only)",
    args: {
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      type: t.arg({ type: ActivityType }),
      author: t.arg({ type: ActivityAuthor })
    },
    resolve: async (group, args, ctx) => {
      requireUser(ctx);
      if (!canInGroup(await ctx.loaders.viewerRole.load(group.id), 'activity.see')) {
        throw new DomainError('forbidden', 'Only members of this group can see its history', { field: 'group' });
      }
      const self = args.author ? (await currentProfile(ctx)).id : null;
      return ctx.services.queries.groups.activity(group.id, {
        page: args.page,
        limit: args.limit,
        type: args.type ?? null,
        authorId: args.author === 'self' ? self : null,
        notAuthorId: args.author === 'by' ? self : null
      });
    }
  })
);
