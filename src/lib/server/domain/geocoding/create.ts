import type { Config } from '../../config/index.ts';
import type { Logger } from '../../core/logger.ts';
import { AddokGeocoder } from './addok.ts';
import { IntervalGate } from './cache.ts';
import type { Geocoder } from './geocoder.ts';
import { NominatimGeocoder } from './nominatim.ts';
import { OfflineCitiesGeocoder } from './offline-cities.ts';
import { PhotonGeocoder } from './photon.ts';
import { ResilientGeocoder } from './resilient.ts';

/** The providers' public servers, used when GEOCODER_URL is unset. */
export const PUBLIC_GEOCODERS = {
  nominatim: 'https://nominatim.openstreetmap.org',
  photon: 'https://photon.komoot.io',
  addok: 'https://api-adresse.data.gouv.fr'
} as const;

/** Nominatim's usage policy: at most one request per second. */
const NOMINATIM_INTERVAL_MS = 1000;

/** The geocoder the configuration asks for; remote ones fall back to the offline cities. */
export function createGeocoder(settings: Config['geocoder'], logger: Logger): Geocoder {
  const offline = new OfflineCitiesGeocoder();
  if (settings.provider === 'offline') return offline;
  const http = { url: settings.url ?? PUBLIC_GEOCODERS[settings.provider], userAgent: settings.userAgent };
  const provider =
    settings.provider === 'nominatim'
      ? new NominatimGeocoder({ ...http, email: settings.email, gate: new IntervalGate(NOMINATIM_INTERVAL_MS) })
      : settings.provider === 'photon'
        ? new PhotonGeocoder(http)
        : new AddokGeocoder(http);
  return new ResilientGeocoder(provider, { name: settings.provider, logger, fallback: offline });
}
