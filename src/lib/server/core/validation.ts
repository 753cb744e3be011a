import type { z } from 'zod';
import { DomainError } from './errors.ts';

/** Parses input with a zod schema; the first problem becomes a validation DomainError naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  throw new DomainError('validation', issue?.message ?? 'Invalid input', { field });
}
