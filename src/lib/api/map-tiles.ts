import { graphql } from './client.ts';

/** A small slippy map without a library: which tiles to draw around a point, and where. */

export const DEFAULT_TILES_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const TILE_SIZE = 256;

export interface TileConfig {
  /** A template with {z}, {x} and {y} (and optionally {s}). */
  url: string;
}

/** The configured template when it is a usable https (or http) URL with the three placeholders. */
export function tileTemplate(configured: string | null | undefined): string {
  const value = configured?.trim();
  if (!value || !['{z}', '{x}', '{y}'].every((p) => value.includes(p))) return DEFAULT_TILES_URL;
  try {
    const url = new URL(value.replace(/\{[a-z]\}/g, '0'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : DEFAULT_TILES_URL;
  } catch {
    return DEFAULT_TILES_URL;
  }
}

export interface PlacedTile {
  key: string;
  src: string;
  /** Position in pixels relative to the point (the point is at 0,0). */
  left: number;
  top: number;
}

/**
 * The tiles of `columns` × `rows` around the point at `zoom`, positioned relative to the point
 * (Web Mercator, as OpenStreetMap tiles are cut).
 */
export function tilesAround(
  latitude: number,
  longitude: number,
  zoom: number,
  template: string,
  columns = 5,
  rows = 3
): PlacedTile[] {
  const n = 2 ** zoom;
  const lat = (Math.max(Math.min(latitude, 85.0511), -85.0511) * Math.PI) / 180;
  const x = ((longitude + 180) / 360) * n;
  const y = ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n;
  const cx = Math.floor(x);
  const cy = Math.floor(y);
  const offsetX = (x - cx) * TILE_SIZE;
  const offsetY = (y - cy) * TILE_SIZE;
  const tiles: PlacedTile[] = [];
  const halfCols = Math.floor(columns / 2);
  const halfRows = Math.floor(rows / 2);
  for (let dy = -halfRows; dy <= halfRows; dy++) {
    const ty = cy + dy;
    if (ty < 0 || ty >= n) continue;
    for (let dx = -halfCols; dx <= halfCols; dx++) {
      const tx = (((cx + dx) % n) + n) % n;
      tiles.push({
        key: `${dx}:${dy}`,
        src: template
          .replace('{z}', String(zoom))
          .replace('{x}', String(tx))
          .replace('{y}', String(ty))
          .replace('{s}', 'abc'[Math.abs(tx + ty) % 3] ?? 'a'),
        left: dx * TILE_SIZE - offsetX,
        top: dy * TILE_SIZE - offsetY
      });
    }
  }
  return tiles;
}

/** A link to the place on openstreetmap.org (no request until followed). */
export const osmLink = (latitude: number, longitude: number, zoom = 16) =>
  `https://www.openstreetmap.org/?mlat=${latitude.toFixed(6)}&mlon=${longitude.toFixed(6)}#map=${zoom}/${latitude.toFixed(5)}/${longitude.toFixed(5)}`;

export const MAP_CONFIG = graphql<{ config: { maps: { tiles: { endpoint: string | null } | null } | null } }>(`
  query MapConfig {
    config {
      maps {
        tiles {
          endpoint
        }
      }
    }
  }
`);
