import { builder } from '../builder.ts';

/** Stored media (pictures). Uploads arrive with the media issue; until then nothing has one. */
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
