import { describe, expect, it } from 'vitest';
import { DEFAULT_TILES_URL, osmLink, tileTemplate, tilesAround } from './map-tiles.ts';
import { pageLinks } from './my-events.ts';

describe('tilesAround', () => {
  it('centres the point: the tile holding it covers (0,0)', () => {
    // Paris, Place de la République, zoom 15: tile x=16599, y=11271 (the standard slippy-map formula).
    const tiles = tilesAround(48.8674, 2.3635, 15, DEFAULT_TILES_URL);
    expect(tiles).toHaveLength(15);
    const centre = tiles.find((t) => t.key === '0:0');
    expect(centre?.src).toBe('https://tile.openstreetmap.org/15/16599/11271.png');
    expect(centre!.left).toBeLessThanOrEqual(0);
    expect(centre!.left).toBeGreaterThan(-256);
    expect(centre!.top).toBeLessThanOrEqual(0);
    expect(centre!.top).toBeGreaterThan(-256);
    const right = tiles.find((t) => t.key === '1:0');
    expect(right?.src).toBe('https://tile.openstreetmap.org/15/16600/11271.png');
    expect(right!.left - centre!.left).toBe(256);
  });

  it('wraps around the antimeridian and fills {s}', () => {
    const tiles = tilesAround(0, 179.999, 2, 'https://{s}.tiles.example/{z}/{x}/{y}.png', 3, 1);
    expect(tiles.map((t) => new URL(t.src).pathname)).toEqual(['/2/2/2.png', '/2/3/2.png', '/2/0/2.png']);
    expect(tiles.every((t) => /^https:\/\/[abc]\.tiles\.example\//.test(t.src))).toBe(true);
  });
});

describe('tileTemplate', () => {
  it('keeps a configured template and falls back on a bad one', () => {
    expect(tileTemplate('https://tiles.example/{z}/{x}/{y}.png')).toBe('https://tiles.example/{z}/{x}/{y}.png');
    expect(tileTemplate('javascript:{z}{x}{y}')).toBe(DEFAULT_TILES_URL);
    expect(tileTemplate('https://tiles.example/{z}/{x}.png')).toBe(DEFAULT_TILES_URL);
    expect(tileTemplate(null)).toBe(DEFAULT_TILES_URL);
  });
  it('links to openstreetmap.org with a marker', () => {
    expect(osmLink(48.8674, 2.3635)).toBe(
      'https://www.openstreetmap.org/?mlat=48.867400&mlon=2.363500#map=16/48.86740/2.36350'
    );
  });
});

describe('pageLinks', () => {
  it('lists every page when few, else the ends and the neighbours with gaps', () => {
    expect(pageLinks(1, 3)).toEqual([1, 2, 3]);
    expect(pageLinks(6, 20)).toEqual([1, null, 5, 6, 7, null, 20]);
    expect(pageLinks(1, 20)).toEqual([1, 2, null, 20]);
  });
});
