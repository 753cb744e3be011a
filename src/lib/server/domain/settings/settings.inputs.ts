import { z } from 'zod';
import { isTimeZone } from '../../../time/zoned-time.ts';
import { notificationDelay } from '../../db/schema/settings.ts';

export const LOCALES = ['en', 'fr', 'ar'] as const;
export const localeSchema = z.enum(LOCALES, { message: 'This locale is not supported' });

/** Geohash's base 32 (digits, lower-case letters but a, i, l, o); empty clears it. */
const GEOHASH = /^[0-9b-hjkmnp-z]{0,12}$/;

const locationInput = z.object({
  name: z.string().trim().max(200, { message: 'The location name is too long' }).nullish(),
  range: z
    .number()
    .int({ message: 'The range must be a whole number of kilometres' })
    .min(1, { message: 'The range must be between 1 and 1000 km' })
    .max(1000, { message: 'The range must be between 1 and 1000 km' })
    .nullish(),
  geohash: z.string().trim().toLowerCase().regex(GEOHASH, { message: 'The geohash is not valid' }).nullish()
});

const delay = z.enum(notificationDelay.enumValues).optional();

/**
 * A partial update: a missing key keeps its value. An explicit null clears the time zone or the
 * location (or one part of it); the notification preferences have no "unset" value, so null keeps them.
 */
export const settingsInput = z.object({
  timezone: z.string().refine(isTimeZone, { message: 'Unknown time zone' }).nullish(),
  notificationOnDay: z.boolean().nullish(),
  notificationEachWeek: z.boolean().nullish(),
  notificationBeforeEvent: z.boolean().nullish(),
  notificationPendingParticipation: delay.nullable(),
  notificationPendingMembership: delay.nullable(),
  groupNotifications: delay.nullable(),
  location: locationInput.nullish()
});
export type SettingsInput = z.input<typeof settingsInput>;
