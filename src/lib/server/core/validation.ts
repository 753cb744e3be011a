import type { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * Parses input with a zod schema; the first problem becomes a validation DomainError naming its
 * field, and its rule when it is known: a length limit, or the `reason` a refinement gives itself
 * (`refusing('The title is too long', 'too_long')`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  throw new DomainError('validation', issue?.message ?? 'Invalid input', { field, reason: reasonOf(issue) });
}

const REASON_BY_CODE: Partial<Record<z.core.$ZodIssue['code'], string>> = {
  too_big: 'too_long',
  too_small: 'too_short'
};

function reasonOf(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (!issue) return undefined;
  const given = issue.code === 'custom' ? issue.params?.reason : undefined;
  return typeof given === 'string' ? given : REASON_BY_CODE[issue.code];
}

/** A refinement's message and the rule it names (`empty`, `too_long`, `reserved`…). */
export const refusing = (message: string, reason: string) => ({ message, params: { reason } });
