import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { LOGGED_USER, LOGIN } from '#lib/api/accounts.ts';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { endSession, gqlAs, startSession } from '#lib/api/session.ts';
import { formResult } from '#lib/api/settings-form.ts';
import {
  accountErrorFromApi,
  CHANGE_EMAIL,
  CHANGE_PASSWORD,
  checkPasswordChange,
  DELETE_ACCOUNT
} from '#lib/api/settings.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
  const { user } = await parent();
  return { email: user?.email ?? '' };
};

/** Reports an API error on its field, or as a form error; anything but a GraphQL error is rethrown. */
function apiFailure(form: string, error: unknown, values: Record<string, string> = {}) {
  if (!(error instanceof GraphQLRequestError)) throw error;
  if (error.unauthenticated) return null;
  const { field, message } = accountErrorFromApi(error.errors[0] ?? { message: '' });
  if (!field) console.error(`${form} failed`, error);
  return fail(
    field ? 400 : 500,
    formResult(form, field ? { errors: { [field]: message }, values } : { formError: message, values })
  );
}

const sessionLost = (event: RequestEvent) => redirect(303, loginUrl(event.url));

export const actions: Actions = {
  email: async (event) => {
    const data = await event.request.formData();
    const email = textField(data, 'email');
    const password = String(data.get('password') ?? '');
    const errors: Partial<Record<string, MessageKey>> = {};
    if (!email) errors.email = 'register.error.emailRequired';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = 'register.error.emailInvalid';
    if (!password) errors.password = 'settings.error.currentPasswordRequired';
    if (Object.keys(errors).length > 0) return fail(400, formResult('email', { errors, values: { email } }));
    try {
      await gqlAs(event, CHANGE_EMAIL, { email, password });
    } catch (error) {
      return apiFailure('email', error, { email }) ?? sessionLost(event);
    }
    return formResult('email', { done: 'settings.email.done', doneParams: { email } });
  },

  password: async (event) => {
    const data = await event.request.formData();
    const oldPassword = String(data.get('oldPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    const confirmation = String(data.get('confirmation') ?? '');
    const errors = checkPasswordChange(oldPassword, newPassword, confirmation);
    if (Object.keys(errors).length > 0) return fail(400, formResult('password', { errors }));
    let email: string;
    try {
      email = (await gqlAs(event, LOGGED_USER, {})).loggedUser.email;
      await gqlAs(event, CHANGE_PASSWORD, { oldPassword, newPassword });
    } catch (error) {
      return apiFailure('password', error) ?? sessionLost(event);
    }
    // The change revoked every session: start a fresh one with the new password.
    try {
      const { login } = await gql(event.fetch, LOGIN, { email, password: newPassword });
      startSession(event, login);
    } catch (error) {
      console.error('signing in after a password change failed', error);
      endSession(event);
      redirect(303, '/login?changed=password');
    }
    return formResult('password', { done: 'settings.password.done' });
  },

  delete: async (event) => {
    const data = await event.request.formData();
    const password = String(data.get('password') ?? '');
    const errors: Partial<Record<string, MessageKey>> = {};
    if (!password) errors.password = 'settings.error.currentPasswordRequired';
    if (data.get('confirm') !== 'yes') errors.confirm = 'settings.error.confirmRequired';
    if (Object.keys(errors).length > 0) return fail(400, formResult('delete', { errors }));
    try {
      await gqlAs(event, DELETE_ACCOUNT, { password });
    } catch (error) {
      return apiFailure('delete', error) ?? sessionLost(event);
    }
    endSession(event);
    redirect(303, '/?notice=account-deleted');
  }
};
