export { type GeocodedPlace, type Geocoder, type GeocodeOptions, normalizePlaceName, countryName } from './geocoder.ts';
export { OfflineCitiesGeocoder } from './offline-cities.ts';
export { NominatimGeocoder } from './nominatim.ts';
export { PhotonGeocoder } from './photon.ts';
export { AddokGeocoder } from './addok.ts';
export { ResilientGeocoder } from './resilient.ts';
export { createGeocoder, PUBLIC_GEOCODERS } from './create.ts';
export { decodeGeohash, encodeGeohash } from '../../../geo/geohash.ts';
