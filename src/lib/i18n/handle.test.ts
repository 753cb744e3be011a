import type { RequestEvent } from '@sveltejs/kit';
import type { ResolveOptions } from '@sveltejs/kit/hooks';
import { describe, expect, it } from 'vitest';
import { localeHandle } from './handle.ts';

async function render(cookie: string | undefined, acceptLanguage: string | null, chunks: string[]) {
  const locals = {} as App.Locals;
  const event = {
    cookies: { get: (name: string) => (name === 'locale' ? cookie : undefined) },
    request: new Request('http://x/', { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} }),
    locals
  } as unknown as RequestEvent;
  let output = '';
  await localeHandle({
    event,
    resolve: async (_event: RequestEvent, options?: ResolveOptions) => {
      for (const [index, html] of chunks.entries()) {
        output += (await options?.transformPageChunk?.({ html, done: index === chunks.length - 1 })) ?? '';
      }
      return new Response(output);
    }
  });
  return { locale: locals.locale, output };
}

describe('localeHandle', () => {
  it('sets the locale and writes lang and dir into the template', async () => {
    const page = await render(undefined, 'ar-EG,ar;q=0.9', ['<html lang="%lang%" dir="%dir%"><body>']);
    expect(page.locale).toBe('ar');
    expect(page.output).toBe('<html lang="ar" dir="rtl"><body>');
  });

  it('lets the cookie win and leaves page content alone', async () => {
    const page = await render('fr', 'ar', ['<html lang="%lang%" dir="%dir%">', '<h1>About %lang% and %dir%</h1>']);
    expect(page.locale).toBe('fr');
    expect(page.output).toBe('<html lang="fr" dir="ltr"><h1>About %lang% and %dir%</h1>');
  });
});
