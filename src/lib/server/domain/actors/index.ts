export { ActorsService, INSTANCE_ACTOR_USERNAME, type RemoteActorData } from './actors.service.ts';
export { ActorsQueries } from './actors.queries.ts';
export { FollowsService, type ReceivedFollow } from './follows.service.ts';
export { followRefusal, isInstanceActor, type FollowRefusal } from './follows.policy.ts';
export { FollowsQueries, type FollowWithActors } from './follows.queries.ts';
export { localActorUrls, instanceActorUrls } from './actor-urls.ts';
export { tombstoneActors } from './tombstone.ts';
export type { PictureChange, ProfilePictures } from './profile-pictures.ts';
export { ANONYMOUS_ACTOR_USERNAME, ensureAnonymousActor } from './anonymous-actor.ts';
