import { DomainError } from '../../core/errors.ts';
import type { Discussion as DiscussionRow } from '../../db/schema/groups.ts';
import { canSeeDiscussions } from '../../domain/discussions/index.ts';
import { viewerProfiles } from '../acting.ts';
import { builder } from '../builder.ts';
import { requireUser } from '../guards.ts';
import { Discussion, forgetLastComment } from './discussions.ts';

builder.subscriptionField('discussionCommentChanged', (t) =>
  t.field({
    type: Discussion,
    description: 'The discussion, each time it gets a message or a new title (members of its group only)',
    args: { slug: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      requireUser(ctx);
      const found = await ctx.services.queries.discussions.bySlug(args.slug);
      if (!found || !canSeeDiscussions(await ctx.loaders.viewerRole.load(found.groupId))) {
        throw new DomainError('not_found', 'Discussion not found', { field: 'slug' });
      }
      return ctx.live.discussionChangesOf(found.id);
    },
    // Read afresh at each signal (the subscription's loaders would serve the first answer again),
    // for members only: one who left hears nothing more.
    resolve: async (id: number, _args, ctx): Promise<DiscussionRow | null> => {
      const discussion = await ctx.services.queries.discussions.byId(id);
      if (!discussion) return null;
      const roles = await ctx.services.queries.discussions.rolesIn(discussion.groupId, await viewerProfiles(ctx));
      if (![...roles.values()].some((role) => canSeeDiscussions(role))) return null;
      forgetLastComment(ctx, id);
      return discussion;
    }
  })
);
