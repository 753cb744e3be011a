import type { Federation } from '@fedify/fedify';
import { Accept, Delete, Flag, Follow } from '@fedify/vocab';
import type { FederationData } from '../context.ts';
import { onAccept } from './accept.ts';
import { onDelete, onUnverifiedDelete } from './delete.ts';
import { onFlag } from './flag.ts';
import { onFollow } from './follow.ts';

/** The inbox: one listener per activity type, each in its own file. */
export function registerInboxListeners(federation: Federation<FederationData>): void {
  federation
    .setInboxListeners('/@{identifier}/inbox', '/inbox')
    .on(Follow, onFollow)
    .on(Accept, onAccept)
    .on(Delete, onDelete)
    .on(Flag, onFlag)
    .onUnverifiedActivity(onUnverifiedDelete)
    .onError((ctx, error) => ctx.data.logger.warn('inbox listener failed', { error: String(error) }));
}
