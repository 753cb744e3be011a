import { DomainError } from '../../core/errors.ts';
import type { PictureChange } from '../../domain/actors/index.ts';
import { builder } from '../builder.ts';
import { parseId } from '../guards.ts';

/** Stored media (pictures uploaded by local profiles, re-encoded without metadata). */
export interface MediaShape {
  id: number;
  url: string;
  name: string | null;
  alt: string | null;
  contentType: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  blurhash: string | null;
}

const MediaMetadata = builder.objectRef<MediaShape>('MediaMetadata').implement({
  fields: (t) => ({
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    blurhash: t.exposeString('blurhash')
  })
});

export const Media = builder.objectRef<MediaShape>('Media').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    name: t.exposeString('name'),
    alt: t.exposeString('alt'),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size'),
    metadata: t.field({ type: MediaMetadata, resolve: (m) => m })
  })
});

const MediaInputObject = builder.inputType('MediaInputObject', {
  fields: (t) => ({
    name: t.string({ required: true }),
    alt: t.string(),
    file: t.field({ type: 'Upload' }),
    actorId: t.id(),
    url: t.string()
  })
});

export const MediaInput = builder.inputType('MediaInput', {
  fields: (t) => ({
    media: t.field({ type: MediaInputObject }),
    mediaId: t.id()
  })
});

type MediaInputValue = typeof MediaInput.$inferInput;

/**
 * A profile picture argument, translated: absent leaves it unchanged, null removes it, `mediaId`
 * reuses one of the user's pictures, `media.file` uploads a new one.
 */
export function pictureChange(value: MediaInputValue | null | undefined, field: string): PictureChange {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (value.media?.file) {
    return { upload: { name: value.media.name, alt: value.media.alt ?? null, file: value.media.file } };
  }
  if (value.mediaId != null) {
    const id = parseId(value.mediaId);
    if (id === null) throw new DomainError('not_found', 'Media not found', { field });
    return { mediaId: id };
  }
  throw new DomainError('validation', 'A picture needs a file to upload or the id of one of your pictures', {
    field
  });
}
