export interface PageRequest {
  page?: number | null;
  limit?: number | null;
}

export interface Page<T> {
  total: number;
  elements: T[];
}

/** Clamps a requested page to a sane window: pages start at 1, at most `max` rows per page. */
export function pageWindow(request: PageRequest, max = 50, fallback = 10): { limit: number; offset: number } {
  const limit = Math.min(Math.max(request.limit ?? fallback, 1), max);
  const offset = (Math.max(request.page ?? 1, 1) - 1) * limit;
  return { limit, offset };
}
