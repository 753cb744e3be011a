export { type GeocodedPlace, type Geocoder, type GeocodeOptions, normalizePlaceName, countryName } from './geocoder.ts';
export { OfflineCitiesGeocoder } from './offline-cities.ts';
export { decodeGeohash, encodeGeohash } from '../../../geo/geohash.ts';
