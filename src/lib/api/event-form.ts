import type { MessageKey } from '#lib/i18n/messages.ts';
import { isTimeZone, localDateTimeToInstant, toZonedIsoString } from '#lib/time/zoned-time.ts';
import type { ApiErrorEntry } from './client.ts';
import { plainTextToHtml, type CreateEventVariables } from './events.ts';

/** The create-event form's fields, named as the inputs are. */
export const EVENT_FORM_FIELDS = [
  'organizerActorId',
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
export type EventFormField = (typeof EVENT_FORM_FIELDS)[number];
export type EventFormValues = Record<EventFormField, string>;
export type EventFormErrors = Partial<Record<EventFormField, MessageKey>>;

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

export type EventFormResult = { ok: true; variables: CreateEventVariables } | { ok: false; errors: EventFormErrors };

/**
 * Checks what the browser may not have (no JavaScript, old browsers) and turns the form into
 * `createEvent`'s variables: wall-clock times in the chosen zone become instants with that zone's
 * offset, plain text becomes paragraphs. The API checks everything again.
 */
export function toCreateEventVariables(values: EventFormValues): EventFormResult {
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

  if (Object.keys(errors).length > 0 || !beginsOn) return { ok: false, errors };

  const address = {
    description: values.placeDescription.trim(),
    street: values.street.trim(),
    postalCode: values.postalCode.trim(),
    locality: values.locality.trim(),
    country: values.country.trim()
  };
  const hasAddress = Object.values(address).some((part) => part !== '');

  return {
    ok: true,
    variables: {
      organizerActorId: values.organizerActorId.trim(),
      title,
      description: plainTextToHtml(values.description),
      beginsOn: toZonedIsoString(beginsOn, zone),
      endsOn: endsOn ? toZonedIsoString(endsOn, zone) : null,
      onlineAddress: onlineAddress || null,
      physicalAddress: hasAddress
        ? Object.fromEntries(Object.entries(address).map(([key, value]) => [key, value || null]))
        : null,
      options: { timezone: zone }
    }
  };
}

const API_FIELDS: Record<string, EventFormField> = {
  organizerActorId: 'organizerActorId',
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
  'physicalAddress.country': 'country'
};

const MESSAGES: Partial<Record<EventFormField, MessageKey>> = {
  organizerActorId: 'eventForm.error.organizer',
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
  country: 'eventForm.error.tooLong'
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
