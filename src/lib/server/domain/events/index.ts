export { EventsService } from './events.service.ts';
export { EventsQueries, isLongEvent, type PublicEventsFilter } from './events.queries.ts';
export { TagsQueries, tagSlug } from './tags.ts';
export { detectLanguage } from './language.ts';
export { anonymousViewer, canSeeEvent, type Viewer } from './events.policy.ts';
export {
  ParticipationsQueries,
  type ParticipationFilter,
  type ParticipationMailTarget
} from './participations.queries.ts';
export { ParticipationService, ORGANIZER_ROLES } from './participation.service.ts';
export { RemoteEventsService, type RemoteEventResult, type RemoteEventWriters } from './remote-events.service.ts';
export type { RemoteEventData, RemotePlace } from './remote-event.ts';
export { canWriteRemoteEvent, canDeleteRemoteEvent } from './remote-events.policy.ts';
export { longEventsCondition, nearPlace } from './near.ts';
export { storeAddress } from './addresses.ts';
export { addressInput } from './events.inputs.ts';
export { deleteEventsOfGroup } from './group-events.ts';
export { eventsOfGroup, type GroupEventsFilter } from './group-events.queries.ts';
