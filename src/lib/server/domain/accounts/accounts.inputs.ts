import { z } from 'zod';

export const emailSchema = z
  .email({ message: 'Email address is not valid' })
  .max(254)
  .transform((e) => e.trim());
export const passwordSchema = z
  .string()
  .min(8, { message: 'The password must be at least 8 characters long' })
  .max(200, { message: 'The password must be at most 200 characters long' });

export const newUserInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(['user', 'moderator', 'administrator']).default('user'),
  confirmed: z.boolean().default(false),
  locale: z.string().min(2).max(10).default('en')
});
export type NewUserInput = z.input<typeof newUserInput>;
