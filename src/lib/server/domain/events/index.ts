export { EventsService } from './events.service.ts';
export { EventsQueries, anonymousViewer, canSeeEvent, type Viewer } from './events.queries.ts';
