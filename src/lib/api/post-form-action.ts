import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '#lib/i18n/messages.ts';
import { GraphQLRequestError } from './client.ts';
import {
  readPostForm,
  tagList,
  textToHtml,
  type PostFormErrors,
  type PostFormValues,
  type PostVariables
} from './posts.ts';
import { loginUrl } from './redirect.ts';

/** Which message a refused field gets (the API names the field it refused). */
function fieldError(field: string | null): PostFormErrors | null {
  if (!field) return null;
  if (field === 'title') return { title: 'posts.error.title' };
  if (field === 'body') return { body: 'posts.error.body' };
  if (field.startsWith('tags')) return { tags: 'posts.error.tags' };
  if (field === 'picture' || field === 'file') return { picture: 'posts.error.picture' };
  return null;
}

/**
 * The editor's action: reads the form, runs the mutation, then shows the post; a refusal comes
 * back with what was typed and the reason, next to its field.
 */
export async function submitPostForm(
  event: Pick<RequestEvent, 'request' | 'url'>,
  run: (variables: PostVariables, removePicture: boolean) => Promise<string>
) {
  const data = await event.request.formData();
  const { values, draft, picture } = readPostForm(data);
  const failWith = (status: number, errors: PostFormErrors, formError: MessageKey | null) =>
    fail(status, { values, errors, formError });
  if (!values.title.trim()) return failWith(400, { title: 'posts.error.title' }, null);
  const variables: PostVariables = {
    title: values.title,
    body: textToHtml(values.body),
    visibility: values.visibility,
    draft,
    tags: tagList(values.tags),
    ...(picture ? { picture: { media: { name: picture.name || 'picture', file: picture } } } : {})
  };
  let slug: string;
  try {
    slug = await run(variables, data.get('removePicture') === 'yes' && !picture);
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    if (caught.code === 'unauthorized') return failWith(403, {}, 'posts.error.forbidden');
    const errors = fieldError(caught.field);
    if (errors) return failWith(400, errors, null);
    console.error('saving a post failed', caught);
    return failWith(400, {}, 'posts.error.failed');
  }
  redirect(303, `/p/${encodeURIComponent(slug)}?notice=saved`);
}

export type { PostFormValues };
