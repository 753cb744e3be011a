import { z } from 'zod';
import { EVENT_CATEGORIES } from '../../../events/categories.ts';
import { isTimeZone } from '../../../time/zoned-time.ts';
import { MAX_CONTACTS } from './contacts.ts';
import { metadataInput } from './metadata.ts';
import type { EventPictureChange } from './picture.ts';
import { tagsInput } from './tags.ts';

export { EVENT_CATEGORIES } from '../../../events/categories.ts';

export const timeZoneSchema = z.string().refine(isTimeZone, { message: 'Unknown time zone' });

export const addressInput = z.object({
  description: z.string().trim().max(300).nullish(),
  street: z.string().trim().max(300).nullish(),
  locality: z.string().trim().max(200).nullish(),
  postalCode: z.string().trim().max(40).nullish(),
  region: z.string().trim().max(200).nullish(),
  country: z.string().trim().max(200).nullish(),
  geom: z
    .string()
    .regex(/^-?\d+(\.\d+)?;-?\d+(\.\d+)?$/, { message: 'geom must be "longitude;latitude"' })
    .nullish(),
  timezone: timeZoneSchema.nullish(),
  originId: z.string().max(300).nullish(),
  url: z.url().nullish()
});

export const eventOptionsInput = z
  .object({
    maximumAttendeeCapacity: z.number().int().min(0).max(1_000_000).nullish(),
    showRemainingAttendeeCapacity: z.boolean().nullish(),
    anonymousParticipation: z.boolean().nullish(),
    showStartTime: z.boolean().nullish(),
    showEndTime: z.boolean().nullish(),
    commentModeration: z.enum(['allow_all', 'moderated', 'closed']).nullish(),
    isOnline: z.boolean().nullish(),
    timezone: timeZoneSchema.nullish(),
    hideNumberOfParticipants: z.boolean().nullish(),
    showParticipationPrice: z.boolean().nullish(),
    hideOrganizerWhenGroupEvent: z.boolean().nullish()
  })
  .partial();

const eventFields = z.object({
  organizerActorId: z.number().int().positive(),
  /** The group organizing the event (the organizer profile must be allowed to create its events). */
  attributedToId: z.number().int().positive().nullish(),
  title: z.string().trim().min(3, { message: 'The title must be at least 3 characters long' }).max(200),
  description: z.string().max(100_000).nullish(),
  beginsOn: z.date({ message: 'beginsOn must be a date-time' }),
  endsOn: z.date().nullish(),
  status: z.enum(['tentative', 'confirmed', 'cancelled']).default('confirmed'),
  visibility: z.enum(['public', 'unlisted', 'restricted', 'private']).default('public'),
  joinOptions: z.enum(['free', 'restricted', 'invite', 'external']).default('free'),
  externalParticipationUrl: z.url().nullish(),
  draft: z.boolean().default(false),
  category: z.enum(EVENT_CATEGORIES).default('MEETING'),
  /** A language code overrides detection; absent, empty or `und`: detected from the text. */
  language: z.string().max(35).nullish(),
  onlineAddress: z.url({ message: 'The online address must be a URL' }).nullish(),
  phoneAddress: z.string().max(60).nullish(),
  physicalAddress: addressInput.nullish(),
  options: eventOptionsInput.nullish(),
  tags: tagsInput.nullish(),
  metadata: metadataInput.nullish(),
  contactActorIds: z
    .array(z.number().int().positive({ message: 'A contact is not a known profile' }))
    .max(MAX_CONTACTS, { message: `An event has at most ${MAX_CONTACTS} contacts` })
    .nullish(),
  picture: z.custom<EventPictureChange>().optional()
});

const endsAfterBegin = { message: 'The event must end after it begins', path: ['endsOn'] };

export const newEventInput = eventFields.refine((e) => !e.endsOn || e.endsOn >= e.beginsOn, endsAfterBegin);
export type NewEventInput = z.input<typeof newEventInput>;

/** An update names only what changes; the organizer profile stays, the organizing group may change. */
export const eventChangesInput = eventFields.omit({ organizerActorId: true }).partial().extend({
  status: eventFields.shape.status.removeDefault().optional(),
  visibility: eventFields.shape.visibility.removeDefault().optional(),
  joinOptions: eventFields.shape.joinOptions.removeDefault().optional(),
  draft: eventFields.shape.draft.removeDefault().optional(),
  category: eventFields.shape.category.removeDefault().optional()
});
export type EventChanges = z.input<typeof eventChangesInput>;
