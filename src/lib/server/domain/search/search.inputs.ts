import { z } from 'zod';
import { tagSlug } from '../events/index.ts';

const EVENT_STATUSES = ['tentative', 'confirmed', 'cancelled'] as const;
const isEventStatus = (v: string | undefined): v is (typeof EVENT_STATUSES)[number] =>
  (EVENT_STATUSES as readonly (string | undefined)[]).includes(v);

/** At most this many results a page, whatever the client asks. */
export const MAX_SEARCH_LIMIT = 50;

export const EVENT_SORTS = [
  'match_desc',
  'start_time_asc',
  'start_time_desc',
  'created_at_desc',
  'created_at_asc',
  'participant_count_desc'
] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

/** SELF: this instance's events; INTERNAL (and GLOBAL, which has no global index here): all stored ones. */
export type SearchTarget = 'self' | 'internal';

const page = z
  .number()
  .int()
  .catch(1)
  .transform((n) => Math.max(n, 1));
const limit = z
  .number()
  .int()
  .catch(10)
  .transform((n) => Math.min(Math.max(n, 1), MAX_SEARCH_LIMIT));
const optionalStrings = z
  .array(z.string().max(100).nullish())
  .max(50)
  .nullish()
  .transform((list) => (list ?? []).filter((v): v is string => typeof v === 'string' && v.length > 0));

export const eventSearchInput = z.object({
  term: z
    .string()
    .max(500)
    .nullish()
    .transform((t) => t?.trim() ?? ''),
  /** Mobilizon sends tags as one comma-separated string. */
  tags: z
    .string()
    .max(1000)
    .nullish()
    .transform((t) =>
      (t ?? '')
        .split(',')
        .map(tagSlug)
        .filter((s) => s.length > 0)
        .slice(0, 20)
    ),
  location: z.string().max(20).nullish(),
  radius: z.number().positive().max(20_000).nullish(),
  type: z.enum(['online', 'in_person']).nullish(),
  categories: optionalStrings,
  statuses: z
    .array(z.string().nullish())
    .max(3)
    .nullish()
    .transform((list) => (list ?? []).map((v) => v?.toLowerCase()).filter(isEventStatus)),
  languages: optionalStrings,
  target: z.enum(['self', 'internal']).default('internal'),
  beginsOn: z.date().nullish(),
  endsOn: z.date().nullish(),
  longEvents: z.boolean().nullish(),
  sort: z.enum(EVENT_SORTS).default('match_desc'),
  page,
  limit
});
export type EventSearchInput = z.input<typeof eventSearchInput>;
export type EventSearch = z.output<typeof eventSearchInput>;

export const personSearchInput = z.object({
  term: z
    .string()
    .max(500)
    .nullish()
    .transform((t) => t?.trim() ?? ''),
  page,
  limit
});
export type PersonSearchInput = z.input<typeof personSearchInput>;
export type PersonSearch = z.output<typeof personSearchInput>;
