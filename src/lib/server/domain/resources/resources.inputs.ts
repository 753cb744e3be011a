import { z } from 'zod';

/** What a resource can be: a folder, a link, or a document on one of the instance's services. */
export const RESOURCE_TYPES = ['folder', 'link', 'pad', 'calc', 'visio'] as const;
export type LocalResourceType = (typeof RESOURCE_TYPES)[number];
/** The document types an instance service (Etherpad, Ethercalc, Jitsi…) provides. */
export const PROVIDED_TYPES = ['pad', 'calc', 'visio'] as const;
export type ProvidedType = (typeof PROVIDED_TYPES)[number];

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
export const URL_MAX = 2000;

const title = z
  .string()
  .trim()
  .min(1, 'A title is needed')
  .max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters`);

const summaryText = z.string().trim().max(SUMMARY_MAX, `A summary has at most ${SUMMARY_MAX} characters`).nullable();
const summary = summaryText.optional().transform((s) => s || null);

/** An http(s) address, as people paste them. */
export const webUrl = z
  .string()
  .trim()
  .max(URL_MAX, `An address has at most ${URL_MAX} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'This is not a web address (http:// or https://)');

const id = z.number().int().positive();

export const createResourceInput = z
  .object({
    groupId: id,
    parentId: id.nullish().transform((v) => v ?? null),
    title,
    summary,
    resourceUrl: z
      .string()
      .nullish()
      .transform((v) => (v?.trim() ? v.trim() : null)),
    type: z.enum(RESOURCE_TYPES, 'A resource is a folder, a link, a pad, a calc or a visio').default('link')
  })
  .superRefine((input, ctx) => {
    if (input.type === 'folder' && input.title.includes('/')) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'A folder name cannot contain “/”' });
    }
    if (input.type === 'link') {
      const parsed = webUrl.safeParse(input.resourceUrl ?? '');
      if (!parsed.success)
        ctx.addIssue({
          code: 'custom',
          path: ['resourceUrl'],
          message: 'A link needs a web address (http:// or https://)'
        });
    }
  });
export type CreateResourceInput = z.input<typeof createResourceInput>;

export const updateResourceInput = z.object({
  title: title.optional(),
  /** undefined: unchanged; null or empty: none. */
  summary: summaryText.optional().transform((s) => (s === undefined ? undefined : s || null)),
  /** undefined: stays where it is; null: moves to the group's root. */
  parentId: id.nullable().optional(),
  resourceUrl: webUrl.optional()
});
export type UpdateResourceInput = z.input<typeof updateResourceInput>;
