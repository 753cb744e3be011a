import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type SelectionSetNode
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { User } from '../db/schema/accounts.ts';
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
 * The root fields an operation will run, through inline fragments and fragment spreads too: a
 * mutation wrapped in `... on RootMutationType { login(...) }` is limited like a bare one.
 */
export function rootFields(document: DocumentNode, selectionSet: SelectionSetNode): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return fields;
}

/**
 * An administrator deleting another account (Mobilizon's "suspend") checks no password: moderation
 * work is not throttled like a person guessing their own password.
 */
function exempt(field: FieldNode, user: User | null, variables: Record<string, unknown>): boolean {
  if (field.name.value !== 'deleteAccount' || user?.role !== 'administrator') return false;
  const argument = field.arguments?.find((a) => a.name.value === 'userId');
  if (!argument) return false;
  const value =
    argument.value.kind === Kind.VARIABLE
      ? variables[argument.value.name.value]
      : 'value' in argument.value
        ? argument.value.value
        : null;
  return value != null && String(value) !== String(user.id);
}

/**
 * Counts sign-ins, registrations, account mails and password-checked account changes per client
 * address, per email and per signed-in account before they run, so a refused attempt costs no
 * password hashing and sends nothing.
 */
export function rateLimitPlugin(limiter: RateLimiter): Plugin<{ rateLimit: RateLimitState }> {
  return {
    onExecute: async ({ args, setResultAndStopExecution }) => {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const context = args.contextValue as { rateLimit: RateLimitState; user?: User | null };
      const state = context.rateLimit;
      const user = context.user ?? null;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      for (const selection of rootFields(args.document, operation.selectionSet)) {
        if (!LIMITS[selection.name.value]) continue;
        if (exempt(selection, user, variables)) continue;
        const email = stringArgument(selection, 'email', variables);
        const result = await checkOperationLimit(limiter, selection.name.value, {
          address: state.clientAddress,
          email,
          userId: user?.id ?? null
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
