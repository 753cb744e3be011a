import { z } from 'zod';
import { refusing } from '../../core/validation.ts';

/** Names our own routes or the fediverse give a meaning to; no profile or group may take them. */
export const RESERVED_USERNAMES = new Set([
  'relay',
  'anonymous',
  'admin',
  'administrator',
  'root',
  'api',
  'events',
  'event',
  'groups',
  'inbox',
  'outbox',
  'search',
  'settings',
  'login',
  'logout',
  'register',
  'about',
  'terms',
  'privacy',
  'rules',
  'moderation',
  'media',
  'static',
  'well-known',
  'nodeinfo',
  'webfinger',
  'instance',
  'support',
  'help',
  'mobilizon',
  'convene',
  'system',
  'postmaster',
  'webmaster',
  'abuse',
  'noreply',
  'no_reply'
]);

export const usernameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Username is required' })
  .max(64, { message: 'Username must be at most 64 characters long' })
  .regex(/^[a-z0-9_]+$/, { message: 'Username must only contain lowercase letters, digits and underscores' })
  .refine((name) => !RESERVED_USERNAMES.has(name), refusing('This username is reserved', 'reserved'));

export const newPersonInput = z.object({
  preferredUsername: usernameSchema,
  name: z.string().trim().max(200).optional().nullable(),
  summary: z.string().max(5000).optional().nullable()
});
export type NewPersonInput = z.input<typeof newPersonInput>;
