/**
 * How far a signed request's Date (or RFC 9421 `created`) may stray from our clock, either way
 * (ADR 14). Fedify's default, set here on purpose rather than Mobilizon's ±12 hours: senders sign
 * each attempt anew (Fedify, Mastodon and Mobilizon alike), so the window only has to absorb clock
 * skew and transit, and a shorter one narrows how long a captured request can be replayed.
 */
export const SIGNATURE_TIME_WINDOW = { hours: 1 } as const;
