import type { Federation } from '@fedify/fedify';
import {
  Accept,
  Add,
  Announce,
  Create,
  Delete,
  Flag,
  Follow,
  Invite,
  Join,
  Leave,
  Move,
  Reject,
  Remove,
  Undo,
  Update
} from '@fedify/vocab';
import type { FederationData } from '../context.ts';
import { onAccept } from './accept.ts';
import { onAdd } from './add.ts';
import { onAnnounce } from './announce.ts';
import { onCreate } from './create.ts';
import { once } from './once.ts';
import { onUpdate } from './update.ts';
import { onDelete, onUnverifiedDelete } from './delete.ts';
import { onFlag } from './flag.ts';
import { onFollow } from './follow.ts';
import { onInvite } from './invite.ts';
import { onJoin } from './join.ts';
import { onLeave } from './leave.ts';
import { onMove } from './move.ts';
import { refusingBlocked } from './guard.ts';
import { onReject } from './reject.ts';
import { onRemove } from './remove.ts';
import { onUndo } from './undo.ts';

/**
 * The inbox: one listener per activity type, each in its own file, each behind the same guard
 * (nothing from suspended actors or blocked instances reaches a handler).
 */
/** Refused when blocked; else applied once. */
const guarded: typeof once = (listener) => refusingBlocked(once(listener));

export function registerInboxListeners(federation: Federation<FederationData>): void {
  federation
    .setInboxListeners('/@{identifier}/inbox', '/inbox')
    .on(Follow, guarded(onFollow))
    .on(Accept, guarded(onAccept))
    .on(Reject, guarded(onReject))
    .on(Undo, guarded(onUndo))
    .on(Create, guarded(onCreate))
    .on(Announce, guarded(onAnnounce))
    .on(Update, guarded(onUpdate))
    .on(Delete, guarded(onDelete))
    .on(Flag, guarded(onFlag))
    .on(Join, guarded(onJoin))
    .on(Leave, guarded(onLeave))
    .on(Invite, guarded(onInvite))
    .on(Remove, guarded(onRemove))
    .on(Add, guarded(onAdd))
    .on(Move, guarded(onMove))
    .onUnverifiedActivity(onUnverifiedDelete)
    .onError((ctx, error) => ctx.data.logger.warn('inbox listener failed', { error: String(error) }));
}
