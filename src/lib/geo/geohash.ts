const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** The geohash of a point (https://en.wikipedia.org/wiki/Geohash), as Mobilizon stores a person's place. */
export function encodeGeohash(latitude: number, longitude: number, precision = 6): string {
  let [latMin, latMax, lonMin, lonMax] = [-90, 90, -180, 180];
  let hash = '';
  let bits = 0;
  let value = 0;
  let evenBit = true;
  while (hash.length < precision) {
    if (evenBit) {
      const mid = (lonMin + lonMax) / 2;
      if (longitude >= mid) {
        value = value * 2 + 1;
        lonMin = mid;
      } else {
        value *= 2;
        lonMax = mid;
      }
    } else {
      const mid = (latMin + latMax) / 2;
      if (latitude >= mid) {
        value = value * 2 + 1;
        latMin = mid;
      } else {
        value *= 2;
        latMax = mid;
      }
    }
    evenBit = !evenBit;
    if (++bits === 5) {
      hash += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

/** The centre of a geohash cell. */
export function decodeGeohash(hash: string): { latitude: number; longitude: number } | null {
  let [latMin, latMax, lonMin, lonMax] = [-90, 90, -180, 180];
  let evenBit = true;
  for (const char of hash.toLowerCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    for (let bit = 4; bit >= 0; bit--) {
      const on = ((index >> bit) & 1) === 1;
      if (evenBit) {
        const mid = (lonMin + lonMax) / 2;
        if (on) lonMin = mid;
        else lonMax = mid;
      } else {
        const mid = (latMin + latMax) / 2;
        if (on) latMin = mid;
        else latMax = mid;
      }
      evenBit = !evenBit;
    }
  }
  return hash ? { latitude: (latMin + latMax) / 2, longitude: (lonMin + lonMax) / 2 } : null;
}
