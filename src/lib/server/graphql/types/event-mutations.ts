import { DomainError } from '../../core/errors.ts';
import type { EventChanges } from '../../domain/events/events.inputs.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import {
  AddressInput,
  Contact,
  Event,
  EventCategory,
  EventJoinOptions,
  EventMetadataInput,
  EventOptionsInput,
  EventStatus,
  EventVisibility,
  lower
} from './events.ts';
import { MediaInput, pictureChange } from './media.ts';
import { rejectUnsupported } from './unsupported.ts';

/** What createEvent and updateEvent share, all optional. */
const sharedEventArgs = builder.args((t) => ({
  attributedToId: t.id(),
  endsOn: t.field({ type: 'DateTime' }),
  status: t.field({ type: EventStatus }),
  visibility: t.field({ type: EventVisibility }),
  joinOptions: t.field({ type: EventJoinOptions }),
  externalParticipationUrl: t.string(),
  draft: t.boolean(),
  tags: t.stringList({ required: { list: false, items: false } }),
  picture: t.field({ type: MediaInput }),
  onlineAddress: t.string(),
  phoneAddress: t.string(),
  category: t.field({ type: EventCategory }),
  physicalAddress: t.field({ type: AddressInput }),
  options: t.field({ type: EventOptionsInput }),
  contacts: t.field({ type: [Contact], required: { list: false, items: false } }),
  metadata: t.field({ type: [EventMetadataInput], required: { list: false, items: false } })
}));

type SharedArgs = {
  [K in keyof typeof sharedEventArgs]?: unknown;
};

/** A list argument without its null items; absent or null: no change. */
function listOf<T>(value: unknown): T[] | undefined {
  return Array.isArray(value) ? (value.filter((v) => v !== null && v !== undefined) as T[]) : undefined;
}

/** Contacts as actor ids; a malformed id matches no profile. */
function contactIds(value: unknown): number[] | undefined {
  const contacts = listOf<{ id?: string | null }>(value);
  if (!contacts) return undefined;
  return contacts
    .filter((c) => c.id != null && c.id !== '')
    .map((c) => {
      const id = parseId(c.id);
      if (id === null) throw new DomainError('validation', 'A contact is not a known profile', { field: 'contacts' });
      return id;
    });
}

/** The organizing group: absent, unchanged; null or empty, none; an id that is none, a group not found. */
function groupIdOf(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const id = parseId(value as string);
  if (id === null) throw new DomainError('not_found', 'Group not found', { field: 'attributedToId' });
  return id;
}

/** The shared arguments as domain changes; a missing argument changes nothing. */
function sharedChanges(args: SharedArgs & Record<string, unknown>): EventChanges {
  const options = (args.options ?? undefined) as Record<string, unknown> | undefined;
  if (options) {
    rejectUnsupported({
      offers: options.offers,
      participationConditions: options.participationConditions,
      attendees: options.attendees,
      program: options.program
    });
  }
  const text = (v: unknown) => (v === undefined ? undefined : ((v as string | null) ?? null));
  const upperToLower = (v: unknown) => (typeof v === 'string' ? lower(v) : undefined);
  return {
    attributedToId: groupIdOf(args.attributedToId),
    endsOn: args.endsOn === undefined ? undefined : (args.endsOn as Date | null),
    status: upperToLower(args.status) as EventChanges['status'],
    visibility: upperToLower(args.visibility) as EventChanges['visibility'],
    joinOptions: upperToLower(args.joinOptions) as EventChanges['joinOptions'],
    externalParticipationUrl: text(args.externalParticipationUrl),
    draft: (args.draft ?? undefined) as boolean | undefined,
    category: (args.category ?? undefined) as EventChanges['category'],
    onlineAddress: args.onlineAddress === undefined ? undefined : (args.onlineAddress as string | null) || null,
    phoneAddress: args.phoneAddress === undefined ? undefined : (args.phoneAddress as string | null) || null,
    physicalAddress: args.physicalAddress as EventChanges['physicalAddress'],
    tags: listOf<string>(args.tags),
    metadata: listOf<NonNullable<EventChanges['metadata']>[number]>(args.metadata),
    contactActorIds: contactIds(args.contacts),
    picture: pictureChange(args.picture as Parameters<typeof pictureChange>[0], 'picture'),
    options: options
      ? {
          maximumAttendeeCapacity: options.maximumAttendeeCapacity as number | undefined,
          showRemainingAttendeeCapacity: options.showRemainingAttendeeCapacity as boolean | undefined,
          anonymousParticipation: options.anonymousParticipation as boolean | undefined,
          showStartTime: options.showStartTime as boolean | undefined,
          showEndTime: options.showEndTime as boolean | undefined,
          commentModeration: upperToLower(options.commentModeration) as
            'allow_all' | 'moderated' | 'closed' | undefined,
          isOnline: options.isOnline as boolean | undefined,
          timezone: options.timezone as string | undefined,
          hideNumberOfParticipants: options.hideNumberOfParticipants as boolean | undefined,
          showParticipationPrice: options.showParticipationPrice as boolean | undefined,
          hideOrganizerWhenGroupEvent: options.hideOrganizerWhenGroupEvent as boolean | undefined
        }
      : undefined
  };
}

const eventIdOf = (id: string | number) => {
  const n = parseId(id);
  if (n === null) throw new DomainError('not_found', 'Event not found', { field: 'eventId' });
  return n;
};

builder.mutationField('createEvent', (t) =>
  t.field({
    type: Event,
    description: 'Create an event',
    args: {
      ...sharedEventArgs,
      organizerActorId: t.arg.id({ required: true }),
      title: t.arg.string({ required: true }),
      description: t.arg.string({ required: true }),
      beginsOn: t.arg({ type: 'DateTime', required: true }),
      publishAt: t.arg({ type: 'DateTime' }),
      language: t.arg.string({ defaultValue: 'und' })
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      rejectUnsupported({ publishAt: args.publishAt });
      const changes = sharedChanges(args);
      return ctx.services.events.createEvent(user.id, {
        ...changes,
        organizerActorId: parseId(args.organizerActorId) ?? -1,
        title: args.title,
        description: args.description,
        beginsOn: args.beginsOn,
        language: args.language,
        options: changes.options ?? {}
      });
    }
  })
);

builder.mutationField('updateEvent', (t) =>
  t.field({
    type: Event,
    description: 'Change an event you organize (or one of a group you moderate): only the arguments given change',
    args: {
      ...sharedEventArgs,
      eventId: t.arg.id({ required: true }),
      title: t.arg.string(),
      description: t.arg.string(),
      beginsOn: t.arg({ type: 'DateTime' }),
      organizerActorId: t.arg.id(),
      language: t.arg.string()
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.events.updateEvent(user.id, eventIdOf(args.eventId), {
        ...sharedChanges(args),
        title: args.title ?? undefined,
        description: args.description === undefined ? undefined : args.description,
        beginsOn: args.beginsOn ?? undefined,
        language: args.language ?? undefined
      });
    }
  })
);

builder.mutationField('deleteEvent', (t) =>
  t.field({
    type: DeletedObject,
    description: 'Delete an event you organize (or one of a group you moderate), with its participations',
    args: { eventId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const gone = await ctx.services.events.deleteEvent(user.id, eventIdOf(args.eventId));
      return { id: gone.id };
    }
  })
);
