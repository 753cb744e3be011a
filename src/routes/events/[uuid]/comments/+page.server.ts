import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { commentHtml, commentRefusal, CREATE_COMMENT, DELETE_COMMENT, UPDATE_COMMENT } from '#lib/api/comments.ts';
import { UUID_PATTERN } from '#lib/api/events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import type { Actions } from './$types';

/**
 * The event page's comment forms post here; each answers with a redirect back to the comments, or,
 * when the API refuses, with the reason (shown inline with JavaScript, on this page without).
 */
async function commentAction(event: RequestEvent, run: (data: FormData) => Promise<unknown>) {
  const uuid = event.params.uuid ?? '';
  if (!UUID_PATTERN.test(uuid)) error(404, 'Not found');
  const data = await event.request.formData();
  try {
    await run(data);
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(new URL(`/events/${uuid}`, event.url)));
    return fail(400, { commentError: commentRefusal(err), uuid });
  }
  redirect(303, `/events/${uuid}#comments`);
}

/** The form's text as HTML; an empty one never reaches the API. */
function textOf(data: FormData): string {
  const html = commentHtml(textField(data, 'text'));
  if (html === '') throw new GraphQLRequestError(422, [{ message: 'empty', code: 'validation', field: 'text' }]);
  return html;
}

export const actions: Actions = {
  create: (event) =>
    commentAction(event, (data) =>
      gqlAs(event, CREATE_COMMENT, {
        eventId: textField(data, 'eventId'),
        text: textOf(data),
        inReplyToCommentId: null
      })
    ),
  reply: (event) =>
    commentAction(event, (data) =>
      gqlAs(event, CREATE_COMMENT, {
        eventId: textField(data, 'eventId'),
        text: textOf(data),
        inReplyToCommentId: textField(data, 'inReplyToId')
      })
    ),
  update: (event) =>
    commentAction(event, (data) =>
      gqlAs(event, UPDATE_COMMENT, { commentId: textField(data, 'commentId'), text: textOf(data) })
    ),
  delete: (event) =>
    commentAction(event, (data) => gqlAs(event, DELETE_COMMENT, { commentId: textField(data, 'commentId') }))
};
