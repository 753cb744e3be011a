import { GraphQLError } from 'graphql';
import { isDomainError, type ErrorCode } from '../core/errors.ts';

/** Mobilizon's codes for our domain codes (its clients read `code`, `status_code` and `field`). */
const mobilizonCode: Record<ErrorCode, string> = {
  validation: 'validation',
  unauthenticated: 'unauthenticated',
  forbidden: 'unauthorized',
  not_found: 'not_found',
  conflict: 'validation',
  rate_limited: 'rate_limited',
  internal: 'unknown'
};

/** A GraphQL error that serializes `code`, `status_code` and `field` at the top level, as Mobilizon does. */
export class ApiError extends GraphQLError {
  readonly code: string;
  readonly statusCode: number;
  readonly field: string | null;
  /** Our addition: the domain rule that refused (DomainError.reason), when it names one. */
  readonly reason: string | undefined;
  constructor(
    message: string,
    options: { code: string; statusCode: number; field?: string | null; reason?: string; source?: GraphQLError }
  ) {
    super(message, {
      nodes: options.source?.nodes,
      source: options.source?.source,
      positions: options.source?.positions,
      path: options.source?.path,
      originalError: options.source?.originalError
    });
    this.code = options.code;
    this.statusCode = options.statusCode;
    this.field = options.field ?? null;
    this.reason = options.reason;
  }
  override toJSON() {
    const reason = this.reason ? { reason: this.reason } : {};
    return { ...super.toJSON(), code: this.code, status_code: this.statusCode, field: this.field, ...reason };
  }
}

export const unauthenticated = () =>
  new ApiError('You need to be logged in', { code: 'unauthenticated', statusCode: 401 });

/** Turns any error raised while executing into the shape Mobilizon's clients expect. */
export function formatError(error: unknown, log: (e: unknown) => void): GraphQLError {
  const graphqlError = error instanceof GraphQLError ? error : undefined;
  if (graphqlError instanceof ApiError) return graphqlError;
  const original = graphqlError ? graphqlError.originalError : error;
  if (original instanceof ApiError) {
    return new ApiError(original.message, {
      code: original.code,
      statusCode: original.statusCode,
      field: original.field,
      reason: original.reason,
      source: graphqlError
    });
  }
  if (isDomainError(original)) {
    return new ApiError(original.message, {
      code: mobilizonCode[original.code],
      statusCode: original.status,
      field: original.field,
      reason: original.reason,
      source: graphqlError
    });
  }
  // Parse, validation and variable errors (a scalar refusing a value) speak for themselves. Errors
  // raised while executing carry a path; graphql-js's own ("Expected value of type Person but got:
  // {…}") print the resolved value, which may be a whole row with secrets: those are masked.
  if (
    graphqlError &&
    graphqlError.path === undefined &&
    (!graphqlError.originalError || graphqlError.originalError instanceof GraphQLError)
  )
    return graphqlError;
  log(original);
  return new ApiError('Something went wrong', { code: 'unknown', statusCode: 500, source: graphqlError });
}
