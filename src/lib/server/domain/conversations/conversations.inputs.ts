import { z } from 'zod';
import { participantRole } from '../../db/schema/participants.ts';

export const MAX_ANNOUNCEMENT_LENGTH = 20_000;

export const announcementInput = z.object({
  eventId: z.number().int().positive(),
  actorId: z.number().int().positive(),
  /** Empty: the participants proper. */
  roles: z.array(z.enum(participantRole.enumValues)).max(participantRole.enumValues.length * 2),
  text: z.string().max(MAX_ANNOUNCEMENT_LENGTH, 'The message is too long'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$|^und$/, 'Unknown language')
    .default('und')
});
export type AnnouncementInput = z.input<typeof announcementInput>;
