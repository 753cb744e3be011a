import type { Federation } from '@fedify/fedify';
import { Accept, Create, Delete, Follow, Update } from '@fedify/vocab';
import type { FederationData } from '../context.ts';
import { onAccept } from './accept.ts';
import { onCreate } from './create.ts';
import { once } from './once.ts';
import { onUpdate } from './update.ts';
import { onDelete, onUnverifiedDelete } from './delete.ts';
import { onFollow } from './follow.ts';

/** The inbox: one listener per activity type, each in its own file. */
export function registerInboxListeners(federation: Federation<FederationData>): void {
  federation
    .setInboxListeners('/@{identifier}/inbox', '/inbox')
    .on(Follow, once(onFollow))
    .on(Accept, once(onAccept))
    .on(Create, once(onCreate))
    .on(Update, once(onUpdate))
    .on(Delete, once(onDelete))
    .onUnverifiedActivity(onUnverifiedDelete)
    .onError((ctx, error) => ctx.data.logger.warn('inbox listener failed', { error: String(error) }));
}
