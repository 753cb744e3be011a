import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffPictureType, storedContentType } from './sniff.ts';

const solid = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } });

describe('sniffPictureType', () => {
  it('recognizes JPEG, PNG, WebP and GIF by their bytes', async () => {
    expect(sniffPictureType(await solid().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffPictureType(await solid().png().toBuffer())).toBe('image/png');
    expect(sniffPictureType(await solid().webp().toBuffer())).toBe('image/webp');
    expect(sniffPictureType(await solid().gif().toBuffer())).toBe('image/gif');
  });

  it('refuses everything else, whatever its name', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(sniffPictureType(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPictureType(text('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(sniffPictureType(text('%PDF-1.7'))).toBeNull();
    expect(sniffPictureType(text('RIFF1234WAVEfmt '))).toBeNull();
    expect(sniffPictureType(text('GIF88a'))).toBeNull();
    expect(sniffPictureType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffPictureType(new Uint8Array([]))).toBeNull();
  });

  it('gives stored files their type from our extension', () => {
    expect(storedContentType('a.jpg')).toBe('image/jpeg');
    expect(storedContentType('a.webp')).toBe('image/webp');
    expect(storedContentType('a.svg')).toBeNull();
  });
});
