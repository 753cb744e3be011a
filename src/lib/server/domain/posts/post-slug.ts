import { tagSlug } from '../events/index.ts';

/** Mobilizon's post slug: the title's slug then a part of the post's uuid (`title-of-the-post-1a2b3c4d`). */
export function postSlug(title: string, uuid: string): string {
  const base = tagSlug(title).slice(0, 80).replace(/-+$/, '') || 'post';
  return `${base}-${uuid.replace(/-/g, '').slice(0, 8)}`;
}

export const postUrl = (publicUrl: string, slug: string) => `${publicUrl}/p/${slug}`;
