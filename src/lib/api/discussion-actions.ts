import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from './client.ts';
import { discussionRefusal, messageHtml } from './discussions.ts';
import { loginUrl } from './redirect.ts';
import { textField } from './registration.ts';

/**
 * Runs one discussion form: on success, to the address `run` answers; refused, back to the form
 * with the reason (and what was typed); signed out, to the sign-in page and back.
 */
export async function discussionAction(
  event: Pick<RequestEvent, 'request' | 'url'>,
  run: (data: FormData) => Promise<string>,
  keep: readonly ('title' | 'text')[] = []
) {
  const data = await event.request.formData();
  let target: string;
  try {
    target = await run(data);
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    const kept: { title?: string; text?: string } = {};
    for (const name of keep) kept[name] = textField(data, name);
    return fail(400, { discussionError: discussionRefusal(err), ...kept });
  }
  redirect(303, target);
}

/** A form's text as HTML; an empty one never reaches the API. */
export function messageOf(data: FormData, name = 'text'): string {
  const html = messageHtml(textField(data, name));
  if (html === '') throw new GraphQLRequestError(422, [{ message: 'empty', code: 'validation', field: 'text' }]);
  return html;
}

export function titleOf(data: FormData): string {
  const title = textField(data, 'title');
  if (title === '') throw new GraphQLRequestError(422, [{ message: 'empty', code: 'validation', field: 'title' }]);
  return title;
}
