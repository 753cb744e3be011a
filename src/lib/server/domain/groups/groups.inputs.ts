import { z } from 'zod';
import { usernameSchema } from '../actors/actors.inputs.ts';
import { addressInput } from '../events/index.ts';

export const groupVisibilityInput = z.enum(['public', 'unlisted']);
export const groupOpennessInput = z.enum(['invite_only', 'moderated', 'open']);

const groupFields = {
  name: z.string().trim().max(200).nullish(),
  summary: z.string().max(20_000).nullish(),
  visibility: groupVisibilityInput.optional(),
  openness: groupOpennessInput.optional(),
  manuallyApprovesFollowers: z.boolean().optional(),
  physicalAddress: addressInput.nullish()
};

export const newGroupInput = z.object({ preferredUsername: usernameSchema, ...groupFields });
export type NewGroupInput = z.input<typeof newGroupInput>;

export const groupChangesInput = z.object(groupFields);
export type GroupChanges = z.input<typeof groupChangesInput>;
