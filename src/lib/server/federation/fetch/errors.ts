import { FetchError } from '@fedify/vocab-runtime';

/** Why a fetch was refused or failed; tests and logs read this rather than the message. */
export type FetchFailure =
  | 'invalid-url'
  | 'unsupported-protocol'
  | 'private-address'
  | 'dns-failure'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'content-type'
  | 'not-json'
  | 'id-mismatch';

/**
 * Every failure of our fetches. It extends Fedify's `FetchError` on purpose: Fedify tells a key
 * that answered 404/410 from one that could not be fetched by `error.response.status`, and keeps
 * the failure in its key cache; our Delete handler does the same.
 */
export class SafeFetchError extends FetchError {
  readonly reason: FetchFailure;
  constructor(url: URL | string, reason: FetchFailure, message: string, response?: Response) {
    super(url, message, response);
    this.name = 'SafeFetchError';
    this.reason = reason;
  }
}
