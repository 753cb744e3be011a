import { DomainError } from '../../core/errors.ts';
import type { User as UserRow } from '../../db/schema/accounts.ts';
import type { Participant as ParticipantRow, ParticipantRole } from '../../db/schema/participants.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { User } from './accounts.ts';
import { Actor, Person } from './actors.ts';
import { parseId, requireUser } from '../guards.ts';
import { Event } from './events.ts';

const ROLES = [
  'NOT_APPROVED',
  'NOT_CONFIRMED',
  'PARTICIPANT',
  'MODERATOR',
  'ADMINISTRATOR',
  'CREATOR',
  'REJECTED'
] as const;
type RoleName = (typeof ROLES)[number];

export const ParticipantRoleEnum = builder.enumType('ParticipantRoleEnum', { values: ROLES });
export const roleName = (role: ParticipantRole): RoleName => role.toUpperCase() as RoleName;

const ParticipantMetadata = builder.objectRef<ParticipantRow['metadata']>('ParticipantMetadata').implement({
  fields: (t) => ({
    message: t.string({ resolve: (m) => m.message ?? null }),
    locale: t.string({ resolve: (m) => m.locale ?? null }),
    rejectionReason: t.string({
      description: 'Why the event’s server refused this participation, when it said (an extension of ours)',
      resolve: (m) => m.rejectionReason ?? null
    }),
    // Only ever in the anonymous participant's own email; never through the API.
    cancellationToken: t.string({ resolve: () => null })
  })
});

export const Participant = builder.objectRef<ParticipantRow>('Participant').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: ParticipantRoleEnum, resolve: (p) => roleName(p.role) }),
    event: t.field({ type: Event, nullable: true, resolve: (p, _args, ctx) => ctx.loaders.event.load(p.eventId) }),
    actor: t.field({ type: Actor, nullable: true, resolve: (p, _args, ctx) => ctx.loaders.actor.load(p.actorId) }),
    metadata: t.field({ type: ParticipantMetadata, resolve: (p) => p.metadata }),
    insertedAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt })
  })
});

export const PaginatedParticipantList = builder
  .objectRef<{ total: number; elements: ParticipantRow[] }>('PaginatedParticipantList')
  .implement({
    fields: (t) => ({
      total: t.exposeInt('total'),
      elements: t.field({ type: [Participant], nullable: { list: true, items: true }, resolve: (l) => l.elements })
    })
  });

/** The account itself, or a moderator looking at it. */
function mayReadAccount(ctx: GraphQLContext, user: UserRow): boolean {
  return ctx.user?.id === user.id || ctx.user?.role === 'moderator' || ctx.user?.role === 'administrator';
}

builder.objectField(User, 'participations', (t) =>
  t.field({
    type: PaginatedParticipantList,
    description: 'The participations of every profile of this account, soonest event first',
    args: {
      afterDatetime: t.arg({ type: 'DateTime' }),
      beforeDatetime: t.arg({ type: 'DateTime' }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 })
    },
    resolve: async (user, args, ctx) => {
      if (!mayReadAccount(ctx, user)) throw new DomainError('forbidden', 'You may not see these participations');
      const profiles = await ctx.loaders.profilesOfUser.load(user.id);
      return ctx.services.queries.participations.ofActors(
        profiles.map((p) => p.id),
        {
          after: args.afterDatetime ?? null,
          before: args.beforeDatetime ?? null,
          page: args.page ?? 1,
          limit: args.limit ?? 10
        }
      );
    }
  })
);

builder.objectField(Person, 'participations', (t) =>
  t.field({
    type: PaginatedParticipantList,
    description: "The events this profile takes part in (its owner's, or a moderator's, view)",
    args: {
      eventId: t.arg.id(),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 })
    },
    resolve: (person, args, ctx) => {
      const owner = ctx.user !== null && person.userId === ctx.user?.id;
      const staff = ctx.user?.role === 'moderator' || ctx.user?.role === 'administrator';
      if (!owner && !staff) throw new DomainError('forbidden', 'You may not see these participations');
      const eventId = args.eventId == null ? null : parseId(args.eventId);
      if (args.eventId != null && eventId === null) return { total: 0, elements: [] };
      return ctx.services.queries.participations.ofActors([person.id], {
        eventId,
        page: args.page ?? 1,
        limit: args.limit ?? 10
      });
    }
  })
);

const DeletedParticipant = builder
  .objectRef<{ id: number; eventId: number; actorId: number }>('DeletedParticipant')
  .implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      event: t.field({ type: Event, nullable: true, resolve: (p, _a, ctx) => ctx.loaders.event.load(p.eventId) }),
      actor: t.field({ type: Actor, nullable: true, resolve: (p, _a, ctx) => ctx.loaders.actor.load(p.actorId) })
    })
  });

async function isAnonymousActor(ctx: GraphQLContext, actorId: number): Promise<boolean> {
  return (await ctx.services.participation.anonymous.actor()).id === actorId;
}

const idArg = (value: string | number, field: string) => {
  const id = parseId(value);
  if (id === null) throw new DomainError('not_found', 'Not found', { field });
  return id;
};

builder.mutationField('joinEvent', (t) =>
  t.field({
    type: Participant,
    description: 'One of your profiles takes part in an event (or asks to, when the event wants approval)',
    args: {
      eventId: t.arg.id({ required: true }),
      actorId: t.arg.id({ required: true }),
      email: t.arg.string(),
      message: t.arg.string(),
      locale: t.arg.string(),
      timezone: t.arg({ type: 'Timezone' })
    },
    resolve: async (_root, args, ctx) => {
      const eventId = idArg(args.eventId, 'eventId');
      const actorId = idArg(args.actorId, 'actorId');
      // The instance's anonymous actor joins by email, without an account (Mobilizon's way).
      if (await isAnonymousActor(ctx, actorId)) {
        return ctx.services.participation.anonymous.join({
          eventId,
          email: args.email ?? '',
          message: args.message,
          locale: args.locale,
          timezone: args.timezone
        });
      }
      const user = requireUser(ctx);
      return ctx.services.participation.join(user.id, { eventId, actorId, message: args.message ?? null });
    }
  })
);

builder.mutationField('leaveEvent', (t) =>
  t.field({
    type: DeletedParticipant,
    description: 'One of your profiles stops taking part in an event',
    args: { eventId: t.arg.id({ required: true }), actorId: t.arg.id({ required: true }), token: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const eventId = idArg(args.eventId, 'eventId');
      const actorId = idArg(args.actorId, 'actorId');
      const gone =
        args.token != null && (await isAnonymousActor(ctx, actorId))
          ? await ctx.services.participation.anonymous.leave({ eventId, token: args.token })
          : await ctx.services.participation.leave(requireUser(ctx).id, { eventId, actorId });
      return { id: gone.id, eventId: gone.eventId, actorId: gone.actorId };
    }
  })
);

builder.mutationField('confirmParticipation', (t) =>
  t.field({
    type: Participant,
    description: 'The link of an anonymous participation mail: the participation counts (or awaits approval)',
    args: { confirmationToken: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.participation.anonymous.confirm(args.confirmationToken)
  })
);

builder.mutationField('updateParticipation', (t) =>
  t.field({
    type: Participant,
    description: 'An organizer approves, rejects or promotes a participation',
    args: { id: t.arg.id({ required: true }), role: t.arg({ type: ParticipantRoleEnum, required: true }) },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.participation.updateRole(user.id, {
        participantId: idArg(args.id, 'id'),
        role: args.role.toLowerCase() as ParticipantRole
      });
    }
  })
);

const PARTICIPANT_ROLES: readonly ParticipantRole[] = [
  'not_approved',
  'not_confirmed',
  'participant',
  'moderator',
  'administrator',
  'creator',
  'rejected'
];

/** Mobilizon's `roles` filter: role names separated by commas ("participant,not_approved"); empty is all. */
function rolesFilter(raw: string | null | undefined): ParticipantRole[] | null {
  const names = (raw ?? '')
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  if (names.some((n) => !PARTICIPANT_ROLES.includes(n as ParticipantRole))) return null;
  return names as ParticipantRole[];
}

builder.objectField(Event, 'participants', (t) =>
  t.field({
    type: PaginatedParticipantList,
    description: "The event's participants, for its organizers only (anyone else gets an empty list)",
    args: {
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      roles: t.arg.string({ defaultValue: '' })
    },
    resolve: async (event, args, ctx) => {
      const nobody = { total: 0, elements: [] };
      if (!ctx.user) return nobody;
      const profiles = await ctx.identities();
      const organizes = await ctx.services.queries.participations.organizes(
        event.id,
        profiles.map((p) => p.id)
      );
      if (!organizes) return nobody;
      const roles = rolesFilter(args.roles);
      if (!roles) throw new DomainError('validation', 'Unknown participant role', { field: 'roles' });
      return ctx.services.queries.participations.ofEvent(event.id, {
        roles,
        page: args.page ?? 1,
        limit: args.limit ?? 10
      });
    }
  })
);
