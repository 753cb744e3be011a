export { EventsService } from './events.service.ts';
export { EventsQueries } from './events.queries.ts';
export { anonymousViewer, canSeeEvent, type Viewer } from './events.policy.ts';
export { ParticipationsQueries, type ParticipationFilter } from './participations.queries.ts';
export { ParticipationService, ORGANIZER_ROLES } from './participation.service.ts';
