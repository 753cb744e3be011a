import type { ApiErrorEntry } from './client.ts';
import type { Address, AddressInput } from './events.ts';
import { htmlToPlainText, plainTextToHtml } from './events.ts';
import {
  GROUP_VISIBILITIES,
  OPENNESS_VALUES,
  type GroupHeader,
  type GroupVariables,
  type GroupVisibility,
  type Openness
} from './groups.ts';
import type { PictureInput } from './settings.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** The group form's text fields, as typed (what a failed submission shows again). */
export interface GroupFormValues {
  preferredUsername: string;
  name: string;
  summary: string;
  visibility: string;
  openness: string;
  manuallyApprovesFollowers: string;
  placeDescription: string;
  street: string;
  postalCode: string;
  locality: string;
  country: string;
}

export type GroupFormField = keyof GroupFormValues | 'avatar' | 'banner';
export type GroupFormErrors = Partial<Record<GroupFormField, MessageKey>>;

const TEXT_FIELDS: (keyof GroupFormValues)[] = [
  'preferredUsername',
  'name',
  'summary',
  'visibility',
  'openness',
  'manuallyApprovesFollowers',
  'placeDescription',
  'street',
  'postalCode',
  'locality',
  'country'
];

/** The order errors are listed in (the form's order). */
export const GROUP_FORM_FIELDS: GroupFormField[] = [
  'name',
  'preferredUsername',
  'summary',
  'visibility',
  'openness',
  'avatar',
  'banner',
  'placeDescription',
  'street',
  'postalCode',
  'locality',
  'country'
];

export const USERNAME_PATTERN = /^[a-z0-9_]+$/;
export const USERNAME_MAX = 64;

export const emptyGroupForm = (): GroupFormValues => ({
  preferredUsername: '',
  name: '',
  summary: '',
  visibility: 'PUBLIC',
  openness: 'MODERATED',
  manuallyApprovesFollowers: '',
  placeDescription: '',
  street: '',
  postalCode: '',
  locality: '',
  country: ''
});

export function readGroupForm(data: FormData): GroupFormValues {
  const values = emptyGroupForm();
  for (const field of TEXT_FIELDS) {
    const value = data.get(field);
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** A username suggested from a name: "Climat Lyon !" → "climat_lyon". */
export function suggestUsername(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, USERNAME_MAX);
}

/** Why a username is refused, or null when it is fine. */
export function usernameProblem(username: string): MessageKey | null {
  if (username === '') return 'groups.form.error.usernameRequired';
  if (username.length > USERNAME_MAX) return 'groups.form.error.usernameLength';
  if (!USERNAME_PATTERN.test(username)) return 'groups.form.error.usernameFormat';
  return null;
}

const oneOf = <T extends string>(value: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

export type GroupFormCheck =
  { ok: true; variables: GroupVariables & { preferredUsername: string } } | { ok: false; errors: GroupFormErrors };

/** Checks the form and turns it into the mutation's variables (`preferredUsername` only counts on creation). */
export function toGroupVariables(values: GroupFormValues, creating: boolean): GroupFormCheck {
  const errors: GroupFormErrors = {};
  const preferredUsername = values.preferredUsername.trim().replace(/^@/, '');
  if (creating) {
    const problem = usernameProblem(preferredUsername);
    if (problem) errors.preferredUsername = problem;
  }
  const name = values.name.trim();
  if (name === '') errors.name = 'groups.form.error.nameRequired';
  else if (name.length > 200) errors.name = 'groups.form.error.nameLength';
  if (values.summary.length > 20_000) errors.summary = 'groups.form.error.summaryLength';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const address: AddressInput = {
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
      preferredUsername,
      name,
      summary: plainTextToHtml(values.summary),
      visibility: oneOf<GroupVisibility>(values.visibility, GROUP_VISIBILITIES, 'PUBLIC'),
      openness: oneOf<Openness>(values.openness, OPENNESS_VALUES, 'MODERATED'),
      manuallyApprovesFollowers: values.manuallyApprovesFollowers === 'yes',
      physicalAddress: hasAddress
        ? Object.fromEntries(Object.entries(address).map(([key, value]) => [key, value || null]))
        : null
    }
  };
}

/** A picture field: a chosen file uploads, the remove box clears, else nothing changes. */
export function groupPicture(data: FormData, slot: 'avatar' | 'banner'): PictureInput | undefined {
  const file = data.get(slot);
  if (typeof File !== 'undefined' && file instanceof File && file.size > 0) {
    const alt = data.get(`${slot}Alt`);
    return { media: { name: file.name || slot, alt: typeof alt === 'string' && alt.trim() ? alt.trim() : null, file } };
  }
  if (data.get(`${slot}Remove`) === 'yes') return null;
  return undefined;
}

/** The API's refusal as a message on the field it names (or on the whole form). */
export function groupFormErrorFromApi(entry: ApiErrorEntry): { field: GroupFormField | null; message: MessageKey } {
  const field = entry.field ?? '';
  if (field === 'preferredUsername') {
    if (entry.reason === 'taken') return { field, message: 'groups.form.error.usernameTaken' };
    if (entry.reason === 'reserved') return { field, message: 'groups.form.error.usernameReserved' };
    return { field, message: 'groups.form.error.usernameFormat' };
  }
  if (field === 'name') return { field, message: 'groups.form.error.nameLength' };
  if (field === 'summary') return { field, message: 'groups.form.error.summaryLength' };
  if (field === 'avatar' || field === 'banner') {
    const message: MessageKey =
      entry.code === 'validation'
        ? entry.reason === 'too_large'
          ? 'media.error.tooLarge'
          : 'media.error.type'
        : 'media.error.unknown';
    return { field, message };
  }
  if (field.startsWith('physicalAddress')) return { field: 'placeDescription', message: 'groups.form.error.address' };
  if (entry.code === 'unauthorized') return { field: null, message: 'groups.error.forbidden' };
  return { field: null, message: 'groups.error.unknown' };
}

/** An existing group as the form's values (the edit page). */
export function groupToFormValues(
  group: Pick<GroupHeader, 'preferredUsername' | 'name' | 'visibility' | 'openness' | 'manuallyApprovesFollowers'> & {
    summary: string | null;
    physicalAddress: Address | null;
  }
): GroupFormValues {
  const a = group.physicalAddress;
  return {
    preferredUsername: group.preferredUsername,
    name: group.name ?? '',
    summary: htmlToPlainText(group.summary),
    visibility: group.visibility === 'UNLISTED' ? 'UNLISTED' : 'PUBLIC',
    openness: group.openness,
    manuallyApprovesFollowers: group.manuallyApprovesFollowers ? 'yes' : '',
    placeDescription: a?.description ?? '',
    street: a?.street ?? '',
    postalCode: a?.postalCode ?? '',
    locality: a?.locality ?? '',
    country: a?.country ?? ''
  };
}
