import type { Logger } from '../../core/logger.ts';
import { ExpiringLru } from './cache.ts';
import type { GeocodedPlace, Geocoder, GeocodeOptions } from './geocoder.ts';

export interface ResilientOptions {
  /** Name in the logs: nominatim, photon, addok. */
  name: string;
  logger: Logger;
  /** Answers when the provider fails: the offline cities. */
  fallback: Geocoder;
  /** Entries kept (default 500) and for how long (default 5 minutes). */
  cacheSize?: number;
  cacheTtlMs?: number;
}

type Answer = GeocodedPlace[] | GeocodedPlace | null;

/**
 * A remote provider behind a small cache, so that the same query typed again (or by someone else)
 * within minutes is answered in-process, and identical queries in flight share one request; and
 * with a fallback, so that a provider down, slow or answering nonsense costs a warning in the log
 * and the offline results, never an error to the person typing.
 */
export class ResilientGeocoder implements Geocoder {
  private readonly provider: Geocoder;
  private readonly options: ResilientOptions;
  private readonly cache: ExpiringLru<Promise<Answer>>;

  constructor(provider: Geocoder, options: ResilientOptions) {
    this.provider = provider;
    this.options = options;
    this.cache = new ExpiringLru(options.cacheSize ?? 500, options.cacheTtlMs ?? 5 * 60_000);
  }

  async search(text: string, options: GeocodeOptions = {}): Promise<GeocodedPlace[]> {
    const query = text.trim().replace(/\s+/g, ' ');
    // One letter finds nothing useful and would cost a request per keystroke.
    if (query.length < 2) return [];
    const near = options.near ? `${options.near.latitude.toFixed(2)},${options.near.longitude.toFixed(2)}` : '';
    const kind = options.administrative ? 'administrative' : '';
    const key = ['search', options.locale ?? '', options.limit ?? '', near, kind, query.toLowerCase()].join('|');
    try {
      return (await this.cached(key, () => this.provider.search(query, options))) as GeocodedPlace[];
    } catch (error) {
      this.warn('search', error);
      return this.options.fallback.search(query, options).catch(() => []);
    }
  }

  async reverse(latitude: number, longitude: number, options: GeocodeOptions = {}): Promise<GeocodedPlace | null> {
    const zoom = options.zoom ?? '';
    const key = ['reverse', options.locale ?? '', zoom, latitude.toFixed(5), longitude.toFixed(5)].join('|');
    try {
      return (await this.cached(key, () =>
        this.provider.reverse(latitude, longitude, options)
      )) as GeocodedPlace | null;
    } catch (error) {
      this.warn('reverse', error);
      return this.options.fallback.reverse(latitude, longitude, options).catch(() => null);
    }
  }

  private cached(key: string, ask: () => Promise<Answer>): Promise<Answer> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const answer = ask();
    this.cache.set(key, answer);
    // Failures are not remembered: the next query asks again.
    answer.catch(() => {
      if (this.cache.get(key) === answer) this.cache.delete(key);
    });
    return answer;
  }

  private warn(operation: string, error: unknown): void {
    // Not the query itself: people type their own addresses.
    this.options.logger.warn('geocoder failed, answering from the offline cities', {
      provider: this.options.name,
      operation,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    });
  }
}
