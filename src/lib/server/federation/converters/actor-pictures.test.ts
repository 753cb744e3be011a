import { describe, expect, it } from 'vitest';
import { pictureUrlOf } from './actor.ts';

describe('pictureUrlOf (an actor’s icon or image)', () => {
  it('reads an Image’s url (a string or a Link), a Link, a bare URL, the first of several', () => {
    expect(pictureUrlOf({ type: 'Image', mediaType: 'image/png', url: 'https://a.example/i.png' })).toBe(
      'https://a.example/i.png'
    );
    expect(pictureUrlOf({ type: 'Image', url: { type: 'Link', href: 'https://a.example/l.jpg' } })).toBe(
      'https://a.example/l.jpg'
    );
    expect(pictureUrlOf({ type: 'Link', href: 'https://a.example/k.webp' })).toBe('https://a.example/k.webp');
    expect(pictureUrlOf('https://a.example/b.gif')).toBe('https://a.example/b.gif');
    expect(
      pictureUrlOf([
        { type: 'Image', url: 'https://a.example/1.jpg' },
        { type: 'Image', url: 'https://a.example/2.jpg' }
      ])
    ).toBe('https://a.example/1.jpg');
  });

  it('names nothing for other schemes, other media types or no picture', () => {
    expect(pictureUrlOf(undefined)).toBeNull();
    expect(pictureUrlOf({ type: 'Image', url: 'javascript:alert(1)' })).toBeNull();
    expect(pictureUrlOf({ type: 'Image', url: 'data:image/png;base64,AAAA' })).toBeNull();
    expect(pictureUrlOf({ type: 'Document', mediaType: 'text/html', url: 'https://a.example/page' })).toBeNull();
    expect(pictureUrlOf({ type: 'Image' })).toBeNull();
  });
});
