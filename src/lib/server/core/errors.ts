/** Error codes shared by every adapter; each adapter maps them once (GraphQL, HTTP, inbox). */
export type ErrorCode =
  'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500
};

/** A failure the domain expects and explains: bad input, missing rights, unknown entity. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /**
   * Which rule refused, in snake_case (`last_administrator`), for clients that explain it in their
   * own words: the message is English and may change.
   */
  readonly reason: string | undefined;
  constructor(code: ErrorCode, message: string, options: { field?: string; reason?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.reason = options.reason;
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
