import { getOperationAST, Kind, type FieldNode, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { checkOperationLimit, LIMITS, type RateLimiter } from '../domain/ratelimit/index.ts';

/** Set by the plugin when a request was refused; the HTTP handler turns it into 429 + Retry-After. */
export interface RateLimitState {
  clientAddress: string;
  retryAfterSeconds?: number;
}

function stringArgument(field: FieldNode, name: string, variables: Record<string, unknown>): string | null {
  const argument = field.arguments?.find((a) => a.name.value === name);
  if (!argument) return null;
  if (argument.value.kind === Kind.STRING) return argument.value.value;
  if (argument.value.kind === Kind.VARIABLE) {
    const value = variables[argument.value.name.value];
    return typeof value === 'string' ? value : null;
  }
  return null;
}

/**
 * Counts sign-ins, registrations and account mails per client address and per email before they
 * run, so a refused attempt costs no password hashing and sends nothing.
 */
export function rateLimitPlugin(limiter: RateLimiter): Plugin<{ rateLimit: RateLimitState }> {
  return {
    onExecute: async ({ args, setResultAndStopExecution }) => {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const state = (args.contextValue as { rateLimit: RateLimitState }).rateLimit;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD || !LIMITS[selection.name.value]) continue;
        const email = stringArgument(selection, 'email', variables);
        const result = await checkOperationLimit(limiter, selection.name.value, {
          address: state.clientAddress,
          email
        });
        if (result.allowed) continue;
        state.retryAfterSeconds = result.retryAfterSeconds;
        const error = {
          message: 'Too many attempts, please try again later',
          code: 'rate_limited',
          status_code: 429,
          field: null
        };
        setResultAndStopExecution({ data: null, errors: [error as unknown as GraphQLError] });
        return;
      }
    }
  };
}
