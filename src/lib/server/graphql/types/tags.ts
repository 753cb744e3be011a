import type { Tag as TagRow } from '../../db/schema/events.ts';
import { builder } from '../builder.ts';

export const Tag = builder.objectRef<TagRow>('Tag');
Tag.implement({
  description: 'A tag on events',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    related: t.field({
      type: [Tag],
      nullable: { list: true, items: true },
      description: 'Tags most often found on the same events',
      resolve: (tag, _args, ctx) => ctx.loaders.relatedTags.load(tag.id)
    })
  })
});

builder.queryField('tags', (t) =>
  t.field({
    type: [Tag],
    nullable: { list: false, items: true },
    description: 'Get the list of tags',
    args: {
      filter: t.arg.string({ description: 'The filter to apply to the search' }),
      page: t.arg.int({ defaultValue: 1, description: 'The page in the paginated tags list' }),
      limit: t.arg.int({ defaultValue: 10, description: 'The limit of tags per page' })
    },
    resolve: (_root, args, ctx) => ctx.services.queries.tags.search(args.filter, args.page ?? 1, args.limit ?? 10)
  })
);
