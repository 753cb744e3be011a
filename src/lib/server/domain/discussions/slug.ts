/** A title as a URL part: ASCII letters and digits joined by dashes (accents dropped), bounded. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'discussion';
}

/** Mobilizon's discussion slug: the title's slug and a short part of the discussion's uuid. */
export function discussionSlug(title: string, uuid: string, length = 8): string {
  return `${slugify(title)}-${uuid.replace(/-/g, '').slice(0, length)}`;
}
