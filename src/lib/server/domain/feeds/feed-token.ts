import { randomBytes } from 'node:crypto';

/** ShortUUID's alphabet (base 57: no 0, 1, I, O, l), as Mobilizon's feed tokens use. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** 57^22 > 2^128: 22 characters carry the 128 random bits. */
export const FEED_TOKEN_LENGTH = 22;

/** A new unguessable feed token: 128 random bits written in ShortUUID's shape (22 URL-safe characters). */
export function newFeedToken(): string {
  let n = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const base = BigInt(ALPHABET.length);
  let out = '';
  for (let i = 0; i < FEED_TOKEN_LENGTH; i++) {
    out = ALPHABET[Number(n % base)] + out;
    n /= base;
  }
  return out;
}

/** Whether a string could be a feed token at all (ours, or a ShortUUID/UUID imported from Mobilizon). */
export const looksLikeFeedToken = (value: string) => /^[A-Za-z0-9_-]{16,64}$/.test(value);
