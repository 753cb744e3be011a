export { SearchService } from './search.service.ts';
export { SearchQueries, type SearchPage } from './search.queries.ts';
export { parseLookupAddress, type LookupAddress } from './lookup-address.ts';
export type { LookupResult, RemoteLookup } from './lookup.ts';
export {
  MAX_SEARCH_LIMIT,
  EVENT_SORTS,
  type EventSort,
  type EventSearchInput,
  type PersonSearchInput
} from './search.inputs.ts';
