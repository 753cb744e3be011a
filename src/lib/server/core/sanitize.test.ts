import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from './sanitize.ts';

const origin = 'https://convene.example';

describe('sanitizeRichText with the instance origin', () => {
  it('keeps pictures stored on this instance', () => {
    const html = '<p><img src="https://convene.example/media/a.webp" alt="Our poster" /></p>';
    expect(sanitizeRichText(html, origin)).toBe(html);
  });

  it('turns pictures from other servers into links, so readers do not call those servers', () => {
    const out = sanitizeRichText(
      '<p>Hi <img src="https://tracker.example/p.gif" alt="pixel" onerror="x()"></p>',
      origin
    );
    expect(out).toBe(
      '<p>Hi <a href="https://tracker.example/p.gif" rel="noopener noreferrer nofollow ugc">pixel</a></p>'
    );
    expect(sanitizeRichText('<img src="//tracker.example/p.gif">', origin)).not.toContain('<img');
  });

  it('still drops unsafe schemes from what becomes a link', () => {
    const out = sanitizeRichText('<img src="javascript:alert(1)">', origin);
    expect(out).not.toContain('href');
    expect(out).not.toContain('<img');
  });

  it('leaves pictures alone without an origin (the allowlist alone)', () => {
    expect(sanitizeRichText('<img src="https://elsewhere.example/a.png">')).toBe(
      '<img src="https://elsewhere.example/a.png" />'
    );
  });
});
