import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { Media } from './media.ts';

const mediaId = (id: string | number, field = 'id') => {
  const n = parseId(id);
  if (n === null) throw new DomainError('not_found', 'Media not found', { field });
  return n;
};

builder.queryField('media', (t) =>
  t.field({
    type: Media,
    description: 'A stored picture by its id (pictures are public, like their URL)',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const found = await ctx.loaders.media.load(mediaId(args.id));
      if (!found) throw new DomainError('not_found', 'Media not found', { field: 'id' });
      return found;
    }
  })
);

builder.mutationField('uploadMedia', (t) =>
  t.field({
    type: Media,
    description: 'Upload a picture (JPEG, PNG, WebP or GIF) as one of the signed-in user’s profiles',
    args: {
      name: t.arg.string({ required: true }),
      alt: t.arg.string(),
      file: t.arg({ type: 'Upload', required: true }),
      actorId: t.arg.id()
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      const actorId = args.actorId == null ? null : parseId(args.actorId);
      if (args.actorId != null && actorId === null) {
        throw new DomainError('forbidden', 'This profile is not yours', { field: 'actorId' });
      }
      return ctx.services.media.upload(user.id, { name: args.name, alt: args.alt, file: args.file, actorId });
    }
  })
);

builder.mutationField('removeMedia', (t) =>
  t.field({
    type: DeletedObject,
    description: 'Delete one of the signed-in user’s pictures (its file too)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.media.remove(requireUser(ctx).id, mediaId(args.id))
  })
);
