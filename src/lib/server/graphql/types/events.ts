import type {
  Address as AddressRow,
  Event as EventRow,
  EventMetadataEntry,
  EventOptionsData
} from '../../db/schema/events.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import { EVENT_CATEGORIES } from '../../domain/events/events.inputs.ts';
import { isLongEvent } from '../../domain/events/index.ts';
import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import { Actor } from './actors.ts';
import { Interactable } from './interactable.ts';
import { Media } from './media.ts';
import { Tag } from './tags.ts';

export const upper = <T extends string>(v: T) => v.toUpperCase() as Uppercase<T>;
export const lower = <T extends string>(v: T) => v.toLowerCase() as Lowercase<T>;

export const EventStatus = builder.enumType('EventStatus', {
  values: ['TENTATIVE', 'CONFIRMED', 'CANCELLED'] as const
});
export const EventVisibility = builder.enumType('EventVisibility', {
  values: ['PUBLIC', 'UNLISTED', 'RESTRICTED', 'PRIVATE'] as const
});
export const EventJoinOptions = builder.enumType('EventJoinOptions', {
  values: ['FREE', 'RESTRICTED', 'INVITE', 'EXTERNAL'] as const
});
export const EventCategory = builder.enumType('EventCategory', { values: EVENT_CATEGORIES });
const EventCommentModeration = builder.enumType('EventCommentModeration', {
  values: ['ALLOW_ALL', 'MODERATED', 'CLOSED'] as const
});
const EventMetadataType = builder.enumType('EventMetadataType', { values: ['STRING', 'INTEGER', 'BOOLEAN'] as const });

interface PictureInfoShape {
  url: string | null;
  author: { name: string; url: string } | null;
  source: { name: string; url: string } | null;
}
const PictureInfoElement = builder.objectRef<{ name: string; url: string }>('PictureInfoElement').implement({
  fields: (t) => ({ name: t.exposeString('name'), url: t.exposeString('url') })
});
const PictureInfo = builder.objectRef<PictureInfoShape>('PictureInfo').implement({
  fields: (t) => ({
    url: t.exposeString('url'),
    author: t.field({ type: PictureInfoElement, resolve: (p) => p.author }),
    source: t.field({ type: PictureInfoElement, resolve: (p) => p.source })
  })
});

export const Address = builder.objectRef<AddressRow>('Address').implement({
  fields: (t) => ({
    // Geocoder results are not stored: they have no id.
    id: t.id({ nullable: true, resolve: (a) => (a.id > 0 ? a.id : null) }),
    geom: t.field({
      type: 'Point',
      resolve: (a) => (a.longitude !== null && a.latitude !== null ? `${a.longitude};${a.latitude}` : null)
    }),
    street: t.exposeString('street'),
    locality: t.exposeString('locality'),
    postalCode: t.exposeString('postalCode'),
    region: t.exposeString('region'),
    country: t.exposeString('country'),
    description: t.exposeString('description'),
    // Only geocoder results say what kind of place they are; stored addresses don't keep it.
    type: t.string({ resolve: (a) => ('type' in a && typeof a.type === 'string' ? a.type : null) }),
    url: t.exposeString('url'),
    originId: t.exposeString('originId'),
    timezone: t.field({ type: 'Timezone', resolve: (a) => a.timezone }),
    // Pictures of places come from a geocoder; the offline one has none.
    pictureInfo: t.field({ type: PictureInfo, resolve: () => null })
  })
});

const EventOffer = builder
  .objectRef<{ price: number; priceCurrency: string; url: string | null }>('EventOffer')
  .implement({
    fields: (t) => ({
      price: t.exposeFloat('price'),
      priceCurrency: t.exposeString('priceCurrency'),
      url: t.exposeString('url')
    })
  });
const EventParticipationCondition = builder
  .objectRef<{ title: string; content: string; url: string | null }>('EventParticipationCondition')
  .implement({
    fields: (t) => ({ title: t.exposeString('title'), content: t.exposeString('content'), url: t.exposeString('url') })
  });

const EventOptions = builder.objectRef<EventOptionsData>('EventOptions').implement({
  fields: (t) => ({
    maximumAttendeeCapacity: t.int({ resolve: (o) => o.maximumAttendeeCapacity ?? 0 }),
    remainingAttendeeCapacity: t.int({ resolve: (o) => o.remainingAttendeeCapacity ?? 0 }),
    showRemainingAttendeeCapacity: t.boolean({ resolve: (o) => o.showRemainingAttendeeCapacity ?? false }),
    anonymousParticipation: t.boolean({ resolve: (o) => o.anonymousParticipation ?? false }),
    hideNumberOfParticipants: t.boolean({ resolve: (o) => o.hideNumberOfParticipants ?? false }),
    showStartTime: t.boolean({ resolve: (o) => o.showStartTime ?? true }),
    showEndTime: t.boolean({ resolve: (o) => o.showEndTime ?? true }),
    timezone: t.field({ type: 'Timezone', resolve: (o) => o.timezone ?? null }),
    offers: t.field({ type: [EventOffer], nullable: { list: true, items: true }, resolve: () => [] }),
    participationConditions: t.field({
      type: [EventParticipationCondition],
      nullable: { list: true, items: true },
      resolve: () => []
    }),
    attendees: t.stringList({ nullable: { list: true, items: true }, resolve: () => [] }),
    program: t.string({ resolve: () => null }),
    commentModeration: t.field({
      type: EventCommentModeration,
      resolve: (o) => upper(o.commentModeration ?? 'allow_all')
    }),
    showParticipationPrice: t.boolean({ resolve: (o) => o.showParticipationPrice ?? false }),
    hideOrganizerWhenGroupEvent: t.boolean({ resolve: (o) => o.hideOrganizerWhenGroupEvent ?? false }),
    isOnline: t.boolean({ resolve: (o) => o.isOnline ?? false })
  })
});

type Stats = Partial<Record<ParticipantRole, number>>;
const ParticipantStats = builder.objectRef<Stats>('ParticipantStats').implement({
  fields: (t) => ({
    // Going: everyone taking part, organizers included; `participant`: the seats taken.
    going: t.int({
      resolve: (s) => (s.participant ?? 0) + (s.moderator ?? 0) + (s.administrator ?? 0) + (s.creator ?? 0)
    }),
    participant: t.int({ resolve: (s) => s.participant ?? 0 }),
    notApproved: t.int({ resolve: (s) => s.not_approved ?? 0 }),
    notConfirmed: t.int({ resolve: (s) => s.not_confirmed ?? 0 }),
    rejected: t.int({ resolve: (s) => s.rejected ?? 0 }),
    moderator: t.int({ resolve: (s) => s.moderator ?? 0 }),
    administrator: t.int({ resolve: (s) => s.administrator ?? 0 }),
    creator: t.int({ resolve: (s) => s.creator ?? 0 })
  })
});

const EventMetadata = builder.objectRef<EventMetadataEntry>('EventMetadata').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    title: t.string({ resolve: (m) => m.title ?? null }),
    value: t.exposeString('value'),
    type: t.field({ type: EventMetadataType, resolve: (m) => m.type })
  })
});

/** The fields a search result shares with the event it is (Mobilizon's EventSearchResult). */
export const EventSearchResult = builder.interfaceRef<EventRow>('EventSearchResult').implement({
  resolveType: () => 'Event',
  fields: (t) => ({
    id: t.exposeID('id'),
    uuid: t.field({ type: 'UUID', resolve: (e) => e.uuid }),
    url: t.exposeString('url'),
    title: t.exposeString('title'),
    beginsOn: t.expose('beginsOn', { type: 'DateTime' }),
    endsOn: t.expose('endsOn', { type: 'DateTime' }),
    status: t.field({ type: EventStatus, resolve: (e) => upper(e.status) }),
    category: t.field({ type: EventCategory, resolve: (e) => e.category as (typeof EVENT_CATEGORIES)[number] }),
    picture: t.field({
      type: Media,
      resolve: (e, _args, ctx) => (e.pictureId ? ctx.loaders.media.load(e.pictureId) : null)
    }),
    longEvent: t.boolean({
      description: 'Whether the event lasts longer than the instance’s long-event duration',
      resolve: (e, _args, ctx) => isLongEvent(e, ctx.services.config.longEventDays)
    }),
    physicalAddress: t.field({
      type: Address,
      resolve: (e, _args, ctx) => (e.physicalAddressId ? ctx.loaders.address.load(e.physicalAddressId) : null)
    }),
    organizerActor: t.field({ type: Actor, resolve: (e, _args, ctx) => ctx.loaders.actor.load(e.organizerActorId) }),
    attributedTo: t.field({
      type: Actor,
      resolve: (e, _args, ctx) => (e.attributedToId ? ctx.loaders.actor.load(e.attributedToId) : null)
    }),
    participantStats: t.field({
      type: ParticipantStats,
      // Another server's event: its server counts the participants (we know only ours among them);
      // until its next count arrives, ours accepted since are at least that many.
      resolve: async (e, _args, ctx) => {
        const stats = await ctx.loaders.participantStats.load(e.id);
        if (e.local) return stats;
        const participant = Math.max(e.participantCount, stats.participant ?? 0);
        return { ...stats, participant, moderator: 0, administrator: 0, creator: 0 };
      }
    }),
    tags: t.field({
      type: [Tag],
      nullable: { list: true, items: true },
      resolve: (e, _args, ctx) => ctx.loaders.tagsOfEvent.load(e.id)
    }),
    options: t.field({
      type: EventOptions,
      // The seats left follow the participants (kept in `participant_count` under the event's lock).
      resolve: (e) => {
        const capacity = e.options.maximumAttendeeCapacity ?? 0;
        const remaining = capacity > 0 ? Math.max(capacity - e.participantCount, 0) : 0;
        return { ...e.options, remainingAttendeeCapacity: remaining };
      }
    })
  })
});

export const Event = builder.objectRef<EventRow>('Event');
Event.implement({
  interfaces: () => [EventSearchResult, Interactable],
  fields: (t) => ({
    local: t.exposeBoolean('local'),
    description: t.exposeString('description'),
    visibility: t.field({ type: EventVisibility, resolve: (e) => upper(e.visibility) }),
    joinOptions: t.field({ type: EventJoinOptions, resolve: (e) => upper(e.joinOptions) }),
    externalParticipationUrl: t.exposeString('externalParticipationUrl'),
    draft: t.exposeBoolean('draft'),
    language: t.exposeString('language'),
    media: t.field({
      type: [Media],
      nullable: { list: true, items: true },
      description: "The event's media: its picture (pictures inside descriptions are plain links)",
      resolve: async (e, _args, ctx) => {
        const picture = e.pictureId ? await ctx.loaders.media.load(e.pictureId) : undefined;
        return picture ? [picture] : [];
      }
    }),
    publishAt: t.expose('publishedAt', { type: 'DateTime' }),
    onlineAddress: t.exposeString('onlineAddress'),
    phoneAddress: t.exposeString('phoneAddress'),
    contacts: t.field({
      type: [Actor],
      nullable: { list: true, items: true },
      resolve: (e, _args, ctx) => ctx.loaders.contactsOfEvent.load(e.id)
    }),
    relatedEvents: t.field({
      type: [Event],
      nullable: { list: true, items: true },
      description: 'Up to three upcoming public events sharing tags or the category',
      resolve: (e, _args, ctx) => ctx.services.queries.events.related(e)
    }),
    metadata: t.field({ type: [EventMetadata], nullable: { list: true, items: true }, resolve: (e) => e.metadata }),
    insertedAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' })
  })
});

export const AddressInput = builder.inputType('AddressInput', {
  fields: (t) => ({
    geom: t.field({ type: 'Point' }),
    street: t.string(),
    locality: t.string(),
    postalCode: t.string(),
    region: t.string(),
    country: t.string(),
    description: t.string(),
    type: t.string(),
    url: t.string(),
    id: t.id(),
    originId: t.string(),
    timezone: t.field({ type: 'Timezone' })
  })
});

const EventOfferInput = builder.inputType('EventOfferInput', {
  fields: (t) => ({ price: t.float(), priceCurrency: t.string(), url: t.string() })
});
const EventParticipationConditionInput = builder.inputType('EventParticipationConditionInput', {
  fields: (t) => ({ title: t.string(), content: t.string(), url: t.string() })
});

export const EventOptionsInput = builder.inputType('EventOptionsInput', {
  fields: (t) => ({
    maximumAttendeeCapacity: t.int(),
    remainingAttendeeCapacity: t.int(),
    showRemainingAttendeeCapacity: t.boolean(),
    anonymousParticipation: t.boolean({ defaultValue: false }),
    offers: t.field({ type: [EventOfferInput], required: { list: false, items: false } }),
    participationConditions: t.field({
      type: [EventParticipationConditionInput],
      required: { list: false, items: false }
    }),
    attendees: t.stringList({ required: { list: false, items: false } }),
    program: t.string(),
    commentModeration: t.field({ type: EventCommentModeration }),
    showParticipationPrice: t.boolean(),
    hideNumberOfParticipants: t.boolean(),
    showStartTime: t.boolean(),
    showEndTime: t.boolean(),
    timezone: t.field({ type: 'Timezone' }),
    hideOrganizerWhenGroupEvent: t.boolean(),
    isOnline: t.boolean()
  })
});

export const Contact = builder.inputType('Contact', { fields: (t) => ({ id: t.string() }) });
export const EventMetadataInput = builder.inputType('EventMetadataInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    title: t.string(),
    value: t.string({ required: true }),
    type: t.field({ type: EventMetadataType })
  })
});

builder.queryField('event', (t) =>
  t.field({
    type: Event,
    description: 'Get an event by its UUID',
    args: { uuid: t.arg({ type: 'UUID', required: true }) },
    resolve: async (_root, args, ctx) => {
      const identities = ctx.user ? await ctx.identities() : [];
      const event = await ctx.services.queries.events.byUuid(args.uuid, {
        userId: ctx.user?.id ?? null,
        actorIds: identities.map((a) => a.id)
      });
      if (!event) throw new DomainError('not_found', 'Event not found');
      return event;
    }
  })
);
