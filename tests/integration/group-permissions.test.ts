import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  anonymousQuery,
  groupBy,
  person,
  personIn,
  POSITIONS,
  withRole,
  type Position,
  type Query,
  type TestPerson
} from '../helpers/groups.ts';
import type { GraphQLResponse } from '../helpers/graphql.ts';

/**
 * The permission matrix: for each action on a group, exactly which of anonymous, non-member,
 * follower, member, moderator and administrator may do it. Every cell runs the real operation on a
 * fresh group and checks the answer (allowed: no error; refused: an error and nothing changed).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const WHO = POSITIONS;
type Who = Position;

interface Scene {
  group: Actor;
  admin: TestPerson;
  /** A plain member (the target of member-management actions). */
  target: TestPerson;
  targetMemberId: number;
  /** Someone who asked to join. */
  applicantMemberId: number;
  outsider: TestPerson;
}

type Run = (query: Query, scene: Scene) => Promise<GraphQLResponse<unknown>>;

interface Action {
  name: string;
  allowed: readonly Who[];
  run: Run;
  /** What is true afterwards when the action happened (checked both ways). */
  happened: (scene: Scene) => Promise<boolean>;
}

const groups = () => t.app.services.queries.groups;
const ROLE = `mutation($id: ID!, $role: MemberRoleEnum!) { updateMember(memberId: $id, role: $role) { id } }`;

const ACTIONS: Action[] = [
  {
    name: 'update the group',
    allowed: ['administrator'],
    run: (q, s) => q(`mutation($id: ID!) { updateGroup(id: $id, name: "Changed") { id } }`, { id: String(s.group.id) }),
    happened: async (s) => (await groups().byId(s.group.id))?.name === 'Changed'
  },
  {
    name: 'delete the group',
    allowed: ['administrator'],
    run: (q, s) => q(`mutation($id: ID!) { deleteGroup(groupId: $id) { id } }`, { id: String(s.group.id) }),
    happened: async (s) => (await groups().byId(s.group.id)) === undefined
  },
  {
    name: 'see the member list',
    allowed: ['member', 'moderator', 'administrator'],
    run: async (q, s) => {
      const res = await q(`query($n: String!) { group(preferredUsername: $n) { members { elements { id } } } }`, {
        n: s.group.preferredUsername
      });
      const list = (res.data as { group?: { members?: { elements: unknown[] } } } | null)?.group?.members?.elements;
      return list && list.length > 0 ? res : { ...res, errors: [{ message: 'hidden' }] };
    },
    happened: async () => true
  },
  {
    name: 'invite a profile',
    allowed: ['moderator', 'administrator'],
    run: (q, s) =>
      q(`mutation($g: ID!, $u: String!) { inviteMember(groupId: $g, targetActorUsername: $u) { id } }`, {
        g: String(s.group.id),
        u: s.outsider.profile.preferredUsername
      }),
    happened: async (s) => (await groups().roleOf(s.group.id, s.outsider.profile.id)) === 'invited'
  },
  {
    name: 'approve a request to join',
    allowed: ['moderator', 'administrator'],
    run: (q, s) => q(`mutation($id: ID!) { approveMember(memberId: $id) { id } }`, { id: String(s.applicantMemberId) }),
    happened: async (s) => (await groups().memberById(s.applicantMemberId))?.role === 'member'
  },
  {
    name: 'refuse a request to join',
    allowed: ['moderator', 'administrator'],
    run: (q, s) => q(`mutation($id: ID!) { rejectMember(memberId: $id) { id } }`, { id: String(s.applicantMemberId) }),
    happened: async (s) => (await groups().memberById(s.applicantMemberId))?.role === 'rejected'
  },
  {
    name: 'make a member moderator',
    allowed: ['administrator'],
    run: (q, s) => q(ROLE, { id: String(s.targetMemberId), role: 'MODERATOR' }),
    happened: async (s) => (await groups().memberById(s.targetMemberId))?.role === 'moderator'
  },
  {
    name: 'remove a member',
    allowed: ['moderator', 'administrator'],
    run: (q, s) => q(`mutation($id: ID!) { removeMember(memberId: $id) { id } }`, { id: String(s.targetMemberId) }),
    happened: async (s) => (await groups().memberById(s.targetMemberId)) === undefined
  },
  {
    name: 'see the group',
    allowed: WHO,
    run: (q, s) => q(`query($n: String!) { group(preferredUsername: $n) { id } }`, { n: s.group.preferredUsername }),
    happened: async () => true
  }
];

async function scene(): Promise<Scene> {
  const admin = await person(t.app);
  const group = await groupBy(t.app, admin, { openness: 'moderated' });
  const target = await person(t.app);
  const targetMemberId = await withRole(t.app, group, target.profile, 'member');
  const applicant = await person(t.app);
  const applicantMemberId = await withRole(t.app, group, applicant.profile, 'not_approved');
  const outsider = await person(t.app);
  return { group, admin, target, targetMemberId, applicantMemberId, outsider };
}

/** The caller in the given position, with a client (anonymous: no token). */
async function caller(who: Who, s: Scene): Promise<Query> {
  if (who === 'anonymous') return anonymousQuery(t.app);
  if (who === 'administrator') return s.admin.client.query;
  return (await personIn(t.app, s.group, who)).client.query;
}

describe('who may do what in a group', () => {
  for (const action of ACTIONS) {
    describe(action.name, () => {
      for (const who of WHO) {
        const allowed = action.allowed.includes(who);
        it(`${allowed ? 'allows' : 'refuses'} ${who}`, async () => {
          const s = await scene();
          const res = await action.run(await caller(who, s), s);
          if (allowed) {
            expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
            expect(await action.happened(s)).toBe(true);
          } else {
            expect(res.errors?.length ?? 0).toBeGreaterThan(0);
            if (action.name.startsWith('see')) return;
            expect(await action.happened(s)).toBe(false);
          }
        });
      }
    });
  }
});
