import type { Federation } from '@fedify/fedify';
import { Accept, Delete, Follow, Reject, Undo } from '@fedify/vocab';
import type { FederationData } from '../context.ts';
import { onAccept } from './accept.ts';
import { onDelete, onUnverifiedDelete } from './delete.ts';
import { onFollow } from './follow.ts';
import { refusingBlocked } from './guard.ts';
import { onReject } from './reject.ts';
import { onUndo } from './undo.ts';

/**
 * The inbox: one listener per activity type, each in its own file, each behind the same guard
 * (nothing from suspended actors or blocked instances reaches a handler).
 */
export function registerInboxListeners(federation: Federation<FederationData>): void {
  federation
    .setInboxListeners('/@{identifier}/inbox', '/inbox')
    .on(Follow, refusingBlocked(onFollow))
    .on(Accept, refusingBlocked(onAccept))
    .on(Reject, refusingBlocked(onReject))
    .on(Undo, refusingBlocked(onUndo))
    .on(Delete, refusingBlocked(onDelete))
    .onUnverifiedActivity(onUnverifiedDelete)
    .onError((ctx, error) => ctx.data.logger.warn('inbox listener failed', { error: String(error) }));
}
