import type { GraphQLRequestError } from './client.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** A refused membership change (join, leave, an invitation's answer) as a message people understand. */
export function membershipError(error: Pick<GraphQLRequestError, 'code' | 'reason'>): MessageKey {
  switch (error.reason) {
    case 'last_administrator':
      return 'groups.error.lastAdministrator';
    case 'already_member':
      return 'groups.error.alreadyMember';
    case 'refused':
      return 'groups.error.refused';
    case 'invite_only':
      return 'groups.error.inviteOnly';
  }
  if (error.code === 'not_found') return 'groups.error.notFound';
  if (error.code === 'unauthorized') return 'groups.error.forbidden';
  return 'groups.error.unknown';
}

/** A refused change on the members page (invite, approve, role, removal) as a message. */
export function memberAdminError(error: Pick<GraphQLRequestError, 'code' | 'field' | 'reason'>): MessageKey {
  if (error.field === 'targetActorUsername') {
    return error.code === 'not_found' ? 'groups.members.error.noSuchProfile' : 'groups.members.error.alreadyInvited';
  }
  switch (error.reason) {
    case 'last_administrator':
      return 'groups.error.lastAdministrator';
    case 'creator_role':
      return 'groups.members.error.creator';
    case 'higher_role':
      return 'groups.members.error.higherRole';
    case 'yourself':
      return 'groups.members.error.yourself';
    case 'not_pending':
      return 'groups.members.error.notPending';
  }
  if (error.code === 'not_found') return 'groups.members.error.gone';
  if (error.code === 'unauthorized') return 'groups.error.forbidden';
  return 'groups.error.unknown';
}
