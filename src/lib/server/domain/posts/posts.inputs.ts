import { z } from 'zod';
import { tagSlug } from '../events/index.ts';

/** Mobilizon's limits on tags (the same as for events): at most 10, each at most 40 characters. */
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 40;
export const MAX_TITLE_LENGTH = 250;
const MAX_BODY_LENGTH = 200_000;

export const POST_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type PostVisibility = (typeof POST_VISIBILITIES)[number];

/** The tags as typed: trimmed, a leading `#` dropped, one per slug, empty ones ignored. */
const tagsInput = z
  .array(
    z
      .string()
      .transform((t) => t.trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim())
      .refine((t) => t.length <= MAX_TAG_LENGTH, { message: `A tag has at most ${MAX_TAG_LENGTH} characters` })
  )
  .transform((titles) => {
    const bySlug = new Map<string, { slug: string; title: string }>();
    for (const title of titles) {
      const slug = tagSlug(title);
      if (slug && !bySlug.has(slug)) bySlug.set(slug, { slug, title });
    }
    return [...bySlug.values()];
  })
  .refine((list) => list.length <= MAX_TAGS, { message: `A post has at most ${MAX_TAGS} tags` });

export type PostTagInput = z.output<typeof tagsInput>[number];

const title = z
  .string()
  .transform((t) => t.replace(/\s+/g, ' ').trim())
  .refine((t) => t.length > 0, { message: 'A post needs a title' })
  .refine((t) => t.length <= MAX_TITLE_LENGTH, { message: `A title has at most ${MAX_TITLE_LENGTH} characters` });

const body = z.string().max(MAX_BODY_LENGTH, { message: 'This post is too long' });

/** A language given by the client (`und`, empty or malformed: detect it from the text). */
const language = z
  .string()
  .nullish()
  .transform((value) => {
    const code = (value ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
    return code && code !== 'und' && /^[a-z]{2,3}$/.test(code) ? code : null;
  });

export const newPostInput = z.object({
  groupId: z.number().int().positive(),
  title,
  body,
  draft: z
    .boolean()
    .nullish()
    .transform((d) => d ?? false),
  visibility: z
    .enum(POST_VISIBILITIES)
    .nullish()
    .transform((v) => v ?? 'public'),
  publishAt: z.date().nullish(),
  language,
  tags: tagsInput.nullish().transform((t) => t ?? [])
});
export type NewPostInput = z.input<typeof newPostInput>;

export const postChangesInput = z.object({
  groupId: z.number().int().positive().nullish(),
  title: title.nullish(),
  body: body.nullish(),
  draft: z.boolean().nullish(),
  visibility: z.enum(POST_VISIBILITIES).nullish(),
  publishAt: z.date().nullish(),
  language,
  tags: tagsInput.nullish()
});
export type PostChanges = z.input<typeof postChangesInput>;
