import type { GraphQLRequestError } from './client.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** A refused membership change (join, leave, an invitation's answer) as a message people understand. */
export function membershipError(error: Pick<GraphQLRequestError, 'code' | 'field' | 'message'>): MessageKey {
  if (/last administrator/i.test(error.message)) return 'groups.error.lastAdministrator';
  if (/already/i.test(error.message)) return 'groups.error.alreadyMember';
  if (/refused/i.test(error.message)) return 'groups.error.refused';
  if (/invites/i.test(error.message)) return 'groups.error.inviteOnly';
  if (error.code === 'not_found') return 'groups.error.notFound';
  if (error.code === 'unauthorized') return 'groups.error.forbidden';
  return 'groups.error.unknown';
}

/** A refused change on the members page (invite, approve, role, removal) as a message. */
export function memberAdminError(error: Pick<GraphQLRequestError, 'code' | 'field' | 'message'>): MessageKey {
  if (error.field === 'targetActorUsername') {
    return error.code === 'not_found' ? 'groups.members.error.noSuchProfile' : 'groups.members.error.alreadyInvited';
  }
  if (/at least one administrator|last administrator/i.test(error.message)) return 'groups.error.lastAdministrator';
  if (/creator keeps/i.test(error.message)) return 'groups.members.error.creator';
  if (/lower role/i.test(error.message)) return 'groups.members.error.higherRole';
  if (/yourself/i.test(error.message)) return 'groups.members.error.yourself';
  if (/not asked/i.test(error.message)) return 'groups.members.error.notPending';
  if (error.code === 'not_found') return 'groups.members.error.gone';
  if (error.code === 'unauthorized') return 'groups.error.forbidden';
  return 'groups.error.unknown';
}
