import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';

/** Attempts after the first when a remote server does not answer (a refused picture is not retried). */
export const REMOTE_PICTURE_RETRIES = 3;

/** A remote actor's or event's picture changed: a local copy is fetched, checked and shown. */
export function registerRemotePictures(bus: DomainEventBus, services: Services): void {
  bus.subscribe('RemotePictureChanged', 'cache', (event) => services.remoteMedia.cache(event), REMOTE_PICTURE_RETRIES);
}
