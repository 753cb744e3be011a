/** The media type of a Content-Type value, lowercased, without parameters; null when absent. */
export function mediaTypeOf(contentType: string | null | undefined): string | null {
  const essence = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return essence ? essence : null;
}

/** The two media types of ActivityPub documents (a `profile` or `charset` parameter may follow). */
export const ACTIVITY_MEDIA_TYPES: readonly string[] = ['application/activity+json', 'application/ld+json'];

export const isActivityMediaType = (type: string | null): boolean =>
  type !== null && ACTIVITY_MEDIA_TYPES.includes(type);
