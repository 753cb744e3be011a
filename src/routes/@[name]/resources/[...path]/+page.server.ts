import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import {
  CREATE_RESOURCE,
  DELETE_RESOURCE,
  DOCUMENT_TYPES,
  folderHref,
  MOVE_RESOURCE,
  pathOfParam,
  PREVIEW_LINK,
  RENAME_RESOURCE,
  RESOURCE_FOLDER,
  RESOURCES_PAGE_SIZE,
  resourceRefusal,
  type ResourceFolderData,
  type ResourceItem
} from '#lib/api/resources.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DONE = ['created', 'renamed', 'moved', 'deleted'] as const;
type Done = (typeof DONE)[number];

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const name = event.params.name;
  const path = pathOfParam(event.params.path);
  const page = Math.max(1, Math.min(1000, Number.parseInt(event.url.searchParams.get('page') ?? '1', 10) || 1));
  let data: ResourceFolderData;
  try {
    data = await gqlAs(event, RESOURCE_FOLDER, { username: name, path, page, limit: RESOURCES_PAGE_SIZE });
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    const partial = err.data as Partial<ResourceFolderData> | null;
    if (err.code === 'unauthorized' && partial?.group) {
      return { name, path, group: partial.group, forbidden: true as const };
    }
    if (err.notFound) error(404, 'Not found');
    throw err;
  }
  const { group, resource } = data;
  if (!group || !resource || resource.type !== 'folder') error(404, 'Not found');
  const elements = (resource.children?.elements ?? []).filter((e): e is ResourceItem => e !== null);
  const total = resource.children?.total ?? 0;
  const done = event.url.searchParams.get('done');
  return {
    name,
    path,
    group,
    forbidden: false as const,
    folder: { id: resource.id, title: resource.title, parent: resource.parent },
    elements,
    total,
    page,
    totalPages: Math.max(1, Math.ceil(total / RESOURCES_PAGE_SIZE)),
    documentTypes: DOCUMENT_TYPES.filter((type) =>
      (data.config.resourceProviders ?? []).some((provider) => provider?.type === type)
    ),
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null
  };
};

class Refused extends Error {
  readonly key: MessageKey;
  constructor(key: MessageKey) {
    super(key);
    this.key = key;
  }
}

/** Runs a change, then comes back to the folder; a refusal is shown with the form that caused it. */
async function change(event: RequestEvent, action: string, done: Done, run: (data: FormData) => Promise<unknown>) {
  const name = event.params.name ?? '';
  const path = pathOfParam(event.params.path);
  const data = await event.request.formData();
  try {
    await run(data);
  } catch (err) {
    if (err instanceof Refused) return fail(400, { action, target: textField(data, 'id'), error: err.key });
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    return fail(400, { action, target: textField(data, 'id'), error: resourceRefusal(err) });
  }
  redirect(303, `${folderHref(name, path)}?done=${done}`);
}

function titleOf(data: FormData, field = 'title'): string {
  const title = textField(data, field);
  if (title === '') throw new Refused('resources.error.titleMissing');
  return title;
}

const folderId = (data: FormData) => textField(data, 'parentId') || null;

/** A link's title: the one given, else the page's own, else its host. */
async function linkTitle(event: RequestEvent, data: FormData, url: string): Promise<string> {
  const given = textField(data, 'title');
  if (given) return given;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Refused('resources.error.url');
  }
  const preview = await gqlAs(event, PREVIEW_LINK, { resourceUrl: url }).catch(() => null);
  return preview?.previewResourceLink?.title?.slice(0, 200) || host;
}

export const actions: Actions = {
  folder: (event) =>
    change(event, 'folder', 'created', (data) =>
      gqlAs(event, CREATE_RESOURCE, {
        actorId: textField(data, 'groupId'),
        parentId: folderId(data),
        title: titleOf(data),
        summary: null,
        resourceUrl: null,
        type: 'folder'
      })
    ),
  link: (event) =>
    change(event, 'link', 'created', async (data) => {
      const url = textField(data, 'resourceUrl');
      return gqlAs(event, CREATE_RESOURCE, {
        actorId: textField(data, 'groupId'),
        parentId: folderId(data),
        title: await linkTitle(event, data, url),
        summary: textField(data, 'summary') || null,
        resourceUrl: url,
        type: 'link'
      });
    }),
  document: (event) =>
    change(event, 'document', 'created', (data) =>
      gqlAs(event, CREATE_RESOURCE, {
        actorId: textField(data, 'groupId'),
        parentId: folderId(data),
        title: titleOf(data),
        summary: null,
        resourceUrl: null,
        type: textField(data, 'type')
      })
    ),
  rename: (event) =>
    change(event, 'rename', 'renamed', (data) =>
      gqlAs(event, RENAME_RESOURCE, { id: textField(data, 'id'), title: titleOf(data) })
    ),
  move: (event) =>
    change(event, 'move', 'moved', (data) =>
      gqlAs(event, MOVE_RESOURCE, { id: textField(data, 'id'), parentId: textField(data, 'to') || null })
    ),
  delete: (event) =>
    change(event, 'delete', 'deleted', (data) => gqlAs(event, DELETE_RESOURCE, { id: textField(data, 'id') }))
};
