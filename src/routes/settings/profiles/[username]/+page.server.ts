import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import { formResult } from '#lib/api/settings-form.ts';
import { ACCOUNT_SETTINGS, DELETE_PERSON, UPDATE_PERSON, type PictureInput } from '#lib/api/settings.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in user's profiles, and the one named in the URL (404 when it is not theirs). */
async function ownProfile(event: RequestEvent<{ username: string }>) {
  try {
    const { loggedUser } = await gqlAs(event, ACCOUNT_SETTINGS, {});
    const profile = loggedUser.actors.find((actor) => actor.preferredUsername === event.params.username);
    if (!profile) error(404, 'Not found');
    return { profile, count: loggedUser.actors.length };
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) redirect(303, loginUrl(event.url));
    throw err;
  }
}

type PictureSlot = 'avatar' | 'banner';

/** A picture field of the form: a chosen file uploads, the remove box clears, else nothing changes. */
function pictureInput(data: FormData, slot: PictureSlot): PictureInput | undefined {
  const file = data.get(slot);
  if (file instanceof File && file.size > 0) {
    return { media: { name: file.name || slot, alt: textField(data, `${slot}Alt`) || null, file } };
  }
  if (data.get(`${slot}Remove`) === 'yes') return null;
  return undefined;
}

/** The API's refusal of a picture, as a message for its field. */
function pictureError(err: GraphQLRequestError): MessageKey {
  if (err.code === 'validation') return err.reason === 'too_large' ? 'media.error.tooLarge' : 'media.error.type';
  return 'media.error.unknown';
}

export const load: PageServerLoad = async (event) => {
  const { profile, count } = await ownProfile(event);
  return { profile, deletable: count > 1 };
};

export const actions: Actions = {
  update: async (event) => {
    const { profile } = await ownProfile(event);
    const data = await event.request.formData();
    const values = { name: textField(data, 'name'), summary: textField(data, 'summary') };
    const pictures: { avatar?: PictureInput; banner?: PictureInput } = {};
    for (const slot of ['avatar', 'banner'] as const) {
      const picture = pictureInput(data, slot);
      if (picture !== undefined) pictures[slot] = picture;
    }
    try {
      await gqlAs(event, UPDATE_PERSON, { id: profile.id, ...values, ...pictures });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.field === 'name' || err.field === 'summary') {
        return fail(400, formResult('update', { errors: { [err.field]: 'profile.error.tooLong' }, values }));
      }
      if (err.field === 'avatar' || err.field === 'banner') {
        return fail(400, formResult('update', { errors: { [err.field]: pictureError(err) }, values }));
      }
      console.error('updatePerson failed', err);
      return fail(500, formResult('update', { formError: 'settings.error.unknown', values }));
    }
    return formResult('update', { done: 'settings.profile.saved', values });
  },

  delete: async (event) => {
    const { profile } = await ownProfile(event);
    const data = await event.request.formData();
    if (data.get('confirm') !== 'yes') {
      return fail(400, formResult('delete', { errors: { confirm: 'settings.error.confirmRequired' } }));
    }
    try {
      await gqlAs(event, DELETE_PERSON, { id: profile.id });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      const message: MessageKey =
        err.code === 'unauthorized' && err.field === 'id' ? 'settings.profile.delete.last' : 'settings.error.unknown';
      if (message === 'settings.error.unknown') console.error('deletePerson failed', err);
      return fail(400, formResult('delete', { formError: message }));
    }
    redirect(303, '/settings/profiles?deleted=1');
  }
};
