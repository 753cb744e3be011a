import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { bestRole, GROUP_HEADER, GROUP_PARAM_PATTERN, MY_GROUP_ROLES, type MemberRole } from '#lib/api/groups.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { LayoutServerLoad } from './$types';

export interface MyMembership {
  /** The membership's id (what accepting an invitation or leaving names). */
  id: string;
  role: MemberRole;
  profileId: string;
}

/**
 * The group's header and what the visitor's profiles are in it. Pages below load their own content;
 * this only decides the header and whether the members' navigation shows.
 */
export const load: LayoutServerLoad = async (event) => {
  const param = event.params.name;
  if (!GROUP_PARAM_PATTERN.test(param)) error(404, 'Not found');
  const name = param.replace(/^@/, '');
  const { user } = await event.parent();
  try {
    const [{ group }, roles] = await Promise.all([
      gqlAs(event, GROUP_HEADER, { name }),
      user && hasSession(event) ? gqlAs(event, MY_GROUP_ROLES, { name }) : null
    ]);
    const memberships: MyMembership[] = (roles?.identities ?? []).flatMap((identity) => {
      const member = identity?.memberships?.elements?.[0];
      return identity && member ? [{ id: member.id, role: member.role, profileId: identity.id }] : [];
    });
    const currentProfileId = user?.defaultActor?.id ?? user?.actors[0]?.id ?? null;
    return {
      group,
      groupName: name,
      memberships,
      /** The membership of the profile the visitor acts as (joining, leaving… act as it). */
      membership: memberships.find((m) => m.profileId === currentProfileId) ?? null,
      /** The best role of any of the visitor's profiles: what the API shows them. */
      viewerRole: bestRole(memberships.map((m) => m.role))
    };
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
};
