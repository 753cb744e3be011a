/**
 * Where to go after signing in: only a path on this site. `//evil.example`, `/\evil.example`,
 * absolute URLs and anything with control characters fall back, so that `?redirect=` cannot send
 * people elsewhere.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return fallback;
  // Browsers read a backslash as a slash, and strip tabs and newlines from URLs.
  for (const char of target) {
    const code = char.charCodeAt(0);
    if (char === '\\' || code < 0x20 || code === 0x7f) return fallback;
  }
  const base = 'http://convene.invalid';
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/login?redirect=<here>` for a page that needs a signed-in user. */
export function loginUrl(from: URL): string {
  const back = `${from.pathname}${from.search}`;
  return back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`;
}
