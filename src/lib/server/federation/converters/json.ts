/**
 * Reading ActivityStreams JSON as servers send it (compacted, with the common terms): values may be
 * a string, an object with an id, a list of either, or a language map. Pure, no I/O.
 */
export type Json = Record<string, unknown>;

export const PUBLIC_ADDRESSES: ReadonlySet<string> = new Set([
  'https://www.w3.org/ns/activitystreams#Public',
  'as:Public',
  'Public'
]);

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asArray = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** The id of a reference: the string itself, or an object's `id` (a Link's `href`). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    if (typeof value.id === 'string') return value.id;
    if (typeof value.href === 'string') return value.href;
  }
  return undefined;
}

/** The ids of a property that may hold one reference or a list. */
export const idsOf = (value: unknown): string[] =>
  asArray(value)
    .map(idOf)
    .filter((id): id is string => id !== undefined);

/** A text: a plain string, or the first entry of a language map (`nameMap`, `contentMap`). */
export function textOf(object: Json, key: string): string | undefined {
  const value = object[key];
  if (typeof value === 'string') return value;
  const map = object[`${key}Map`];
  if (isObject(map)) {
    const first = Object.values(map).find((v) => typeof v === 'string');
    if (typeof first === 'string') return first;
  }
  return undefined;
}

export const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The object's type, or its first type when it has several. */
export const typeOf = (object: Json): string | undefined =>
  asArray(object.type).find((t) => typeof t === 'string') as string | undefined;

/** Addressed to everyone (in `to` or `cc`), in any of the spellings servers use. */
export const isPublicAddressed = (object: Json): boolean =>
  [...idsOf(object.to), ...idsOf(object.cc)].some((id) => PUBLIC_ADDRESSES.has(id));

/** In `to` (listed publicly) rather than only in `cc` (unlisted). */
export const isPublicInTo = (object: Json): boolean => idsOf(object.to).some((id) => PUBLIC_ADDRESSES.has(id));

/** Same scheme, host and port: the origin check ActivityPub servers rely on. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** An http(s) URL, or undefined. */
export function httpUrlOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The actor of an activity or object: `actor`, else `attributedTo` (first usable id of either). */
export const actorIdOf = (object: Json): string | undefined => idsOf(object.actor)[0] ?? idsOf(object.attributedTo)[0];
