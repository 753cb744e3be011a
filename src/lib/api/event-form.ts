import type { MessageKey } from '#lib/i18n/messages.ts';
import { isTimeZone, localDateTimeToInstant, toLocalDateTimeValue, toZonedIsoString } from '#lib/time/zoned-time.ts';
import type { ApiErrorEntry } from './client.ts';
import type { EventDetails, EventFields, EventMetadataInput, EventOptionsInput } from './events.ts';
import { htmlToPlainText, plainTextToHtml } from './events.ts';
import { EVENT_CATEGORIES } from '#lib/events/categories.ts';

export { EVENT_CATEGORIES } from '#lib/events/categories.ts';

/** Languages offered for an event (ISO 639-1); an empty choice lets the server detect it. */
export const EVENT_LANGUAGES = ['ar', 'ca', 'de', 'en', 'es', 'eu', 'fr', 'it', 'nl', 'oc', 'pl', 'pt', 'ru'] as const;

/** Mobilizon's metadata keys for the presets the form offers. */
export const METADATA_KEYS = {
  wheelchair: 'mz:accessibility:wheelchairAccessible',
  signLanguage: 'mz:accessibility:live:sign_language',
  subtitles: 'mz:accessibility:live:subtitle',
  peertube: 'mz:live:peertube:url',
  youtube: 'mz:live:youtube:url',
  twitch: 'mz:live:twitch:url',
  owncast: 'mz:live:owncast:url',
  fediverse: 'mz:social:fediverse:account_url',
  twitter: 'mz:social:twitter:account'
} as const;
const LIVE_KEYS: string[] = [
  METADATA_KEYS.peertube,
  METADATA_KEYS.youtube,
  METADATA_KEYS.twitch,
  METADATA_KEYS.owncast
];
const PRESET_KEYS = new Set<string>(Object.values(METADATA_KEYS));

/** The short form's fields, shown first; the others are folded under "More options". */
export const SHORT_FORM_FIELDS = [
  'organizerActorId',
  /** The group organizing the event (empty: the profile alone). */
  'attributedToId',
  'title',
  'description',
  'beginsOn',
  'endsOn',
  'timezone',
  'onlineAddress',
  'placeDescription',
  'street',
  'postalCode',
  'locality',
  'country'
] as const;

/** The event form's fields, named as the inputs are. */
export const EVENT_FORM_FIELDS = [
  ...SHORT_FORM_FIELDS,
  'status',
  'visibility',
  'joinOptions',
  'externalParticipationUrl',
  'maximumAttendeeCapacity',
  'showRemainingAttendeeCapacity',
  'anonymousParticipation',
  'commentModeration',
  'showStartTime',
  'showEndTime',
  'hideNumberOfParticipants',
  'category',
  'language',
  'tags',
  'pictureAlt',
  'pictureRemove',
  'wheelchairAccessible',
  'signLanguage',
  'subtitles',
  'liveStreamUrl',
  'fediverseAccount',
  'twitterAccount',
  /** Metadata the form has no input for (JSON), kept as they were. */
  'otherMetadata'
] as const;
export type EventFormField = (typeof EVENT_FORM_FIELDS)[number] | 'picture';
export type EventFormValues = Record<(typeof EVENT_FORM_FIELDS)[number], string>;
export type EventFormErrors = Partial<Record<EventFormField, MessageKey>>;

/** A checkbox's value when ticked. */
export const CHECKED = 'true';

/** A new event's form: the options Mobilizon turns on by default are ticked. */
export function emptyEventForm(overrides: Partial<EventFormValues> = {}): EventFormValues {
  const values = Object.fromEntries(EVENT_FORM_FIELDS.map((field) => [field, ''])) as EventFormValues;
  return {
    ...values,
    timezone: 'UTC',
    status: 'CONFIRMED',
    visibility: 'PUBLIC',
    joinOptions: 'FREE',
    commentModeration: 'ALLOW_ALL',
    showStartTime: CHECKED,
    showEndTime: CHECKED,
    ...overrides
  };
}

export function readEventForm(data: FormData): EventFormValues {
  const values = {} as EventFormValues;
  for (const field of EVENT_FORM_FIELDS) {
    const value = data.get(field);
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

const isWebUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** A live stream's metadata key, from where it is hosted (PeerTube when unknown: it is the Fediverse's). */
function liveStreamKey(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  if (host === 'youtube.com' || host === 'youtu.be' || host.endsWith('.youtube.com')) return METADATA_KEYS.youtube;
  if (host === 'twitch.tv' || host.endsWith('.twitch.tv')) return METADATA_KEYS.twitch;
  return METADATA_KEYS.peertube;
}

function otherMetadata(json: string): EventMetadataInput[] {
  if (!json.trim()) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { key, value, title, type } = entry as Record<string, unknown>;
      if (typeof key !== 'string' || typeof value !== 'string' || PRESET_KEYS.has(key)) return [];
      const kept: EventMetadataInput = { key, value };
      if (typeof title === 'string') kept.title = title;
      if (type === 'STRING' || type === 'INTEGER' || type === 'BOOLEAN') kept.type = type;
      return [kept];
    });
  } catch {
    return [];
  }
}

/** "a, b ,a,, c" → ["a", "b", "c"]: trimmed, without repeats (case-insensitive) or empty ones. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/^#/, '').replace(/\s+/g, ' ');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

const oneOf = <T extends string>(value: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** The variables both `createEvent` and `updateEvent` take (without the picture, the draft flag and the ids). */
export type EventFormVariables = Omit<EventFields, 'picture' | 'draft'>;
export type EventFormResult = { ok: true; variables: EventFormVariables } | { ok: false; errors: EventFormErrors };

/**
 * Checks what the browser may not have (no JavaScript, old browsers) and turns the form into the
 * event mutations' variables: wall-clock times in the chosen zone become instants with that zone's
 * offset, plain text becomes paragraphs, presets become Mobilizon's metadata. The API checks
 * everything again.
 */
export function toEventVariables(values: EventFormValues): EventFormResult {
  const errors: EventFormErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'eventForm.error.titleRequired';
  else if (title.length < 3 || title.length > 200) errors.title = 'eventForm.error.titleLength';

  const zone = values.timezone.trim() || 'UTC';
  if (!isTimeZone(zone)) errors.timezone = 'eventForm.error.timezone';

  let beginsOn: Date | null = null;
  if (!values.beginsOn.trim()) errors.beginsOn = 'eventForm.error.beginsOnRequired';
  else if (!errors.timezone) {
    beginsOn = localDateTimeToInstant(values.beginsOn, zone);
    if (!beginsOn) errors.beginsOn = 'eventForm.error.dateInvalid';
  }

  let endsOn: Date | null = null;
  if (values.endsOn.trim() && !errors.timezone) {
    endsOn = localDateTimeToInstant(values.endsOn, zone);
    if (!endsOn) errors.endsOn = 'eventForm.error.dateInvalid';
    else if (beginsOn && endsOn.getTime() <= beginsOn.getTime()) errors.endsOn = 'eventForm.error.endsBeforeBegins';
  }

  const onlineAddress = values.onlineAddress.trim();
  if (onlineAddress && !isWebUrl(onlineAddress)) errors.onlineAddress = 'eventForm.error.onlineAddress';

  if (!values.organizerActorId.trim()) errors.organizerActorId = 'eventForm.error.organizer';

  const joinOptions = oneOf(values.joinOptions, ['FREE', 'RESTRICTED', 'INVITE', 'EXTERNAL'] as const, 'FREE');
  const externalUrl = values.externalParticipationUrl.trim();
  if (joinOptions === 'EXTERNAL' && !isWebUrl(externalUrl)) {
    errors.externalParticipationUrl = 'eventPages.error.externalUrl';
  } else if (externalUrl && !isWebUrl(externalUrl)) errors.externalParticipationUrl = 'eventPages.error.externalUrl';

  const capacityText = values.maximumAttendeeCapacity.trim();
  const capacity = capacityText === '' ? 0 : Number(capacityText);
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 1_000_000) {
    errors.maximumAttendeeCapacity = 'eventPages.error.capacity';
  }

  const tags = parseTags(values.tags);
  if (tags.some((tag) => tag.length > 40)) errors.tags = 'eventPages.error.tagLength';
  else if (tags.length > 20) errors.tags = 'eventPages.error.tagCount';

  const liveStreamUrl = values.liveStreamUrl.trim();
  if (liveStreamUrl && !isWebUrl(liveStreamUrl)) errors.liveStreamUrl = 'eventPages.error.url';
  const fediverseAccount = values.fediverseAccount.trim();
  if (fediverseAccount && !isWebUrl(fediverseAccount)) errors.fediverseAccount = 'eventPages.error.url';
  const twitterAccount = values.twitterAccount.trim().replace(/^@?/, '@');
  if (values.twitterAccount.trim() && !/^@\w{1,30}$/.test(twitterAccount)) {
    errors.twitterAccount = 'eventPages.error.twitterAccount';
  }

  if (Object.keys(errors).length > 0 || !beginsOn) return { ok: false, errors };

  const address = {
    description: values.placeDescription.trim(),
    street: values.street.trim(),
    postalCode: values.postalCode.trim(),
    locality: values.locality.trim(),
    country: values.country.trim()
  };
  const hasAddress = Object.values(address).some((part) => part !== '');

  const checked = (value: string) => value === CHECKED;
  const options: EventOptionsInput = {
    timezone: zone,
    maximumAttendeeCapacity: capacity,
    showRemainingAttendeeCapacity: capacity > 0 && checked(values.showRemainingAttendeeCapacity),
    anonymousParticipation: checked(values.anonymousParticipation),
    commentModeration: oneOf(values.commentModeration, ['ALLOW_ALL', 'MODERATED', 'CLOSED'] as const, 'ALLOW_ALL'),
    showStartTime: checked(values.showStartTime),
    showEndTime: checked(values.showEndTime),
    hideNumberOfParticipants: checked(values.hideNumberOfParticipants),
    isOnline: onlineAddress !== '' && !hasAddress
  };

  const metadata: EventMetadataInput[] = [];
  const wheelchair = oneOf(values.wheelchairAccessible, ['', 'no', 'partially', 'fully'] as const, '');
  if (wheelchair) metadata.push({ key: METADATA_KEYS.wheelchair, value: wheelchair, type: 'STRING' });
  if (checked(values.signLanguage)) metadata.push({ key: METADATA_KEYS.signLanguage, value: 'true', type: 'BOOLEAN' });
  if (checked(values.subtitles)) metadata.push({ key: METADATA_KEYS.subtitles, value: 'true', type: 'BOOLEAN' });
  if (liveStreamUrl) metadata.push({ key: liveStreamKey(liveStreamUrl), value: liveStreamUrl, type: 'STRING' });
  if (fediverseAccount) metadata.push({ key: METADATA_KEYS.fediverse, value: fediverseAccount, type: 'STRING' });
  if (values.twitterAccount.trim())
    metadata.push({ key: METADATA_KEYS.twitter, value: twitterAccount, type: 'STRING' });
  metadata.push(...otherMetadata(values.otherMetadata));

  const variables: EventFormVariables = {
    organizerActorId: values.organizerActorId.trim(),
    title,
    description: plainTextToHtml(values.description),
    beginsOn: toZonedIsoString(beginsOn, zone),
    endsOn: endsOn ? toZonedIsoString(endsOn, zone) : null,
    status: oneOf(values.status, ['TENTATIVE', 'CONFIRMED', 'CANCELLED'] as const, 'CONFIRMED'),
    visibility: oneOf(values.visibility, ['PUBLIC', 'UNLISTED', 'PRIVATE'] as const, 'PUBLIC'),
    joinOptions,
    externalParticipationUrl: externalUrl || null,
    tags,
    metadata,
    onlineAddress: onlineAddress || null,
    physicalAddress: hasAddress
      ? Object.fromEntries(Object.entries(address).map(([key, value]) => [key, value || null]))
      : null,
    options
  };
  const group = values.attributedToId.trim();
  if (group) variables.attributedToId = group;
  const category = values.category.trim();
  if ((EVENT_CATEGORIES as readonly string[]).includes(category)) variables.category = category;
  const language = values.language.trim();
  if ((EVENT_LANGUAGES as readonly string[]).includes(language)) variables.language = language;
  return { ok: true, variables };
}

/** Kept for the create page's callers: the same conversion. */
export const toCreateEventVariables = toEventVariables;

/** An existing event as the form's values, in the event's time zone. */
export function eventToFormValues(event: EventDetails): EventFormValues {
  const zone = event.options?.timezone && isTimeZone(event.options.timezone) ? event.options.timezone : 'UTC';
  const meta = new Map<string, string>();
  const others: EventMetadataInput[] = [];
  for (const entry of event.metadata ?? []) {
    if (!entry?.key || entry.value == null) continue;
    if (PRESET_KEYS.has(entry.key)) meta.set(entry.key, entry.value);
    else {
      const kept: EventMetadataInput = { key: entry.key, value: entry.value, title: entry.title };
      if (entry.type === 'STRING' || entry.type === 'INTEGER' || entry.type === 'BOOLEAN') kept.type = entry.type;
      others.push(kept);
    }
  }
  const flag = (value: boolean | null | undefined) => (value ? CHECKED : '');
  const a = event.physicalAddress;
  const o = event.options;
  return {
    organizerActorId: event.organizerActor?.id ?? '',
    attributedToId: event.attributedTo?.id ?? '',
    title: event.title,
    description: htmlToPlainText(event.description),
    beginsOn: toLocalDateTimeValue(new Date(event.beginsOn), zone),
    endsOn: event.endsOn ? toLocalDateTimeValue(new Date(event.endsOn), zone) : '',
    timezone: zone,
    onlineAddress: event.onlineAddress ?? '',
    placeDescription: a?.description ?? '',
    street: a?.street ?? '',
    postalCode: a?.postalCode ?? '',
    locality: a?.locality ?? '',
    country: a?.country ?? '',
    status: event.status,
    visibility: event.visibility,
    joinOptions: event.joinOptions,
    externalParticipationUrl: event.externalParticipationUrl ?? '',
    maximumAttendeeCapacity: o?.maximumAttendeeCapacity ? String(o.maximumAttendeeCapacity) : '',
    showRemainingAttendeeCapacity: flag(o?.showRemainingAttendeeCapacity),
    anonymousParticipation: flag(o?.anonymousParticipation),
    commentModeration: o?.commentModeration ?? 'ALLOW_ALL',
    showStartTime: flag(o?.showStartTime ?? true),
    showEndTime: flag(o?.showEndTime ?? true),
    hideNumberOfParticipants: flag(o?.hideNumberOfParticipants),
    category: event.category ?? '',
    language: event.language && event.language !== 'und' ? event.language : '',
    tags: (event.tags ?? [])
      .map((tag) => tag?.title ?? '')
      .filter(Boolean)
      .join(', '),
    pictureAlt: event.picture?.alt ?? '',
    pictureRemove: '',
    wheelchairAccessible: meta.get(METADATA_KEYS.wheelchair) ?? '',
    signLanguage: meta.get(METADATA_KEYS.signLanguage) === 'true' ? CHECKED : '',
    subtitles: meta.get(METADATA_KEYS.subtitles) === 'true' ? CHECKED : '',
    liveStreamUrl: LIVE_KEYS.map((key) => meta.get(key)).find(Boolean) ?? '',
    fediverseAccount: meta.get(METADATA_KEYS.fediverse) ?? '',
    twitterAccount: meta.get(METADATA_KEYS.twitter) ?? '',
    otherMetadata: others.length > 0 ? JSON.stringify(others) : ''
  };
}

/** The picture field: a chosen file uploads, the remove box clears, else nothing changes. */
export function pictureFromForm(
  data: FormData,
  values: EventFormValues
): { media: { name: string; alt: string | null; file: File } } | null | undefined {
  const file = data.get('picture');
  if (file instanceof File && file.size > 0) {
    return { media: { name: file.name || 'picture', alt: values.pictureAlt.trim() || null, file } };
  }
  if (values.pictureRemove === CHECKED) return null;
  return undefined;
}

const API_FIELDS: Record<string, EventFormField> = {
  organizerActorId: 'organizerActorId',
  attributedToId: 'attributedToId',
  groupId: 'attributedToId',
  title: 'title',
  description: 'description',
  beginsOn: 'beginsOn',
  endsOn: 'endsOn',
  timezone: 'timezone',
  'options.timezone': 'timezone',
  onlineAddress: 'onlineAddress',
  physicalAddress: 'placeDescription',
  'physicalAddress.description': 'placeDescription',
  'physicalAddress.street': 'street',
  'physicalAddress.postalCode': 'postalCode',
  'physicalAddress.locality': 'locality',
  'physicalAddress.country': 'country',
  status: 'status',
  visibility: 'visibility',
  joinOptions: 'joinOptions',
  externalParticipationUrl: 'externalParticipationUrl',
  'options.maximumAttendeeCapacity': 'maximumAttendeeCapacity',
  maximumAttendeeCapacity: 'maximumAttendeeCapacity',
  category: 'category',
  language: 'language',
  tags: 'tags',
  picture: 'picture',
  metadata: 'liveStreamUrl'
};

const MESSAGES: Partial<Record<EventFormField, MessageKey>> = {
  organizerActorId: 'eventForm.error.organizer',
  attributedToId: 'eventForm.error.group',
  title: 'eventForm.error.titleLength',
  description: 'eventForm.error.tooLong',
  beginsOn: 'eventForm.error.dateInvalid',
  endsOn: 'eventForm.error.endsBeforeBegins',
  timezone: 'eventForm.error.timezone',
  onlineAddress: 'eventForm.error.onlineAddress',
  placeDescription: 'eventForm.error.tooLong',
  street: 'eventForm.error.tooLong',
  postalCode: 'eventForm.error.tooLong',
  locality: 'eventForm.error.tooLong',
  country: 'eventForm.error.tooLong',
  externalParticipationUrl: 'eventPages.error.externalUrl',
  maximumAttendeeCapacity: 'eventPages.error.capacity',
  tags: 'eventPages.error.tagLength',
  picture: 'eventPages.error.picture'
};

/**
 * Places an API error next to the input it is about, with a message in the page's language (the
 * API's messages are English). Errors about no known field go above the form.
 */
export function eventFormErrorFromApi(error: ApiErrorEntry): { field: EventFormField | null; message: MessageKey } {
  const field = error.field ? (API_FIELDS[error.field] ?? null) : null;
  if (!field) return { field: null, message: 'eventForm.error.unknown' };
  return { field, message: MESSAGES[field] ?? 'eventForm.error.invalid' };
}
