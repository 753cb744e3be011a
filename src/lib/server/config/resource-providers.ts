import { z } from 'zod';

const provider = z
  .object({
    type: z.enum(['pad', 'calc', 'visio']),
    endpoint: z.url({ protocol: /^https?$/ }).max(500),
    software: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/i)
  })
  .strict();

const providers = z
  .array(provider)
  .max(3)
  .refine((list) => new Set(list.map((p) => p.type)).size === list.length, 'names each type once at most');

export type ResourceProviderConfig = z.infer<typeof provider>;

/**
 * RESOURCE_PROVIDERS, read: a JSON list of `{type, endpoint, software}`. Returns the list, or the
 * reason it is refused.
 */
export function parseResourceProviders(raw: string | undefined): ResourceProviderConfig[] | { error: string } {
  if (raw === undefined || raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: 'is not valid JSON' };
  }
  const parsed = providers.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    return { error: `${issue?.message ?? 'is invalid'}${where}` };
  }
  return parsed.data;
}
