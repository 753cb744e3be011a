import { graphql, GraphQLRequestError } from './client.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

export const RESOURCES_PAGE_SIZE = 20;
export const DOCUMENT_TYPES = ['pad', 'calc', 'visio'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface ResourceItem {
  id: string;
  title: string;
  summary: string | null;
  type: string;
  path: string;
  resourceUrl: string | null;
  updatedAt: string | null;
  metadata: { title: string | null; description: string | null; providerName: string | null } | null;
}

export interface ResourceFolderData {
  group: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
  resource: {
    id: string | null;
    title: string | null;
    path: string;
    type: string;
    summary: string | null;
    parent: { id: string; path: string } | null;
    children: { total: number; elements: (ResourceItem | null)[] } | null;
  } | null;
  config: { resourceProviders: ({ type: string } | null)[] | null };
}

export const RESOURCE_FOLDER = graphql<
  ResourceFolderData,
  { username: string; path: string; page: number; limit: number }
>(`
  query GroupResourceFolder($username: String!, $path: String!, $page: Int, $limit: Int) {
    group(preferredUsername: $username) {
      id
      preferredUsername
      name
      domain
    }
    resource(path: $path, username: $username) {
      id
      title
      path
      type
      summary
      parent {
        id
        path
      }
      children(page: $page, limit: $limit) {
        total
        elements {
          id
          title
          summary
          type
          path
          resourceUrl
          updatedAt
          metadata {
            title
            description
            providerName
          }
        }
      }
    }
    config {
      resourceProviders {
        type
      }
    }
  }
`);

export const GROUP_ID = graphql<{ group: { id: string } | null }, { username: string }>(`
  query GroupIdForResources($username: String!) {
    group(preferredUsername: $username) {
      id
    }
  }
`);

export const CREATE_RESOURCE = graphql<
  { createResource: { id: string; path: string } | null },
  {
    actorId: string;
    parentId: string | null;
    title: string;
    summary: string | null;
    resourceUrl: string | null;
    type: string;
  }
>(`
  mutation CreateGroupResource(
    $actorId: ID!
    $parentId: ID
    $title: String!
    $summary: String
    $resourceUrl: String
    $type: String
  ) {
    createResource(
      actorId: $actorId
      parentId: $parentId
      title: $title
      summary: $summary
      resourceUrl: $resourceUrl
      type: $type
    ) {
      id
      path
    }
  }
`);

export const RENAME_RESOURCE = graphql<{ updateResource: { id: string } | null }, { id: string; title: string }>(`
  mutation RenameGroupResource($id: ID!, $title: String!) {
    updateResource(id: $id, title: $title) {
      id
    }
  }
`);

export const MOVE_RESOURCE = graphql<
  { updateResource: { id: string } | null },
  { id: string; parentId: string | null }
>(`
  mutation MoveGroupResource($id: ID!, $parentId: ID) {
    updateResource(id: $id, parentId: $parentId) {
      id
    }
  }
`);

export const DELETE_RESOURCE = graphql<{ deleteResource: { id: string } | null }, { id: string }>(`
  mutation DeleteGroupResource($id: ID!) {
    deleteResource(id: $id) {
      id
    }
  }
`);

export const PREVIEW_LINK = graphql<{ previewResourceLink: { title: string | null } | null }, { resourceUrl: string }>(`
  mutation PreviewGroupResourceLink($resourceUrl: String!) {
    previewResourceLink(resourceUrl: $resourceUrl) {
      title
    }
  }
`);

/** The resource path of a page: `/` for the root, `/A/B` for the folder `B` in `A`. */
export const pathOfParam = (param: string | undefined): string =>
  `/${(param ?? '').split('/').filter(Boolean).join('/')}`;

/** The page of a folder path (each segment encoded). */
export function folderHref(group: string, path: string): string {
  const segments = path.split('/').filter(Boolean).map(encodeURIComponent);
  return `/@${group}/resources${segments.length ? `/${segments.join('/')}` : ''}`;
}

/** The folders above a path, from the root: `/A/B` → [`A` at `/A`, `B` at `/A/B`]. */
export function breadcrumbs(path: string): { title: string; path: string }[] {
  const segments = path.split('/').filter(Boolean);
  return segments.map((title, i) => ({ title, path: `/${segments.slice(0, i + 1).join('/')}` }));
}

/** Why the API refused a change, as a message. */
export function resourceRefusal(error: GraphQLRequestError): MessageKey {
  if (error.code === 'unauthorized') return 'resources.error.forbidden';
  if (error.code === 'not_found') return 'resources.error.notFound';
  if (error.code === 'rate_limited') return 'resources.error.rateLimited';
  if (error.code === 'validation') {
    if (error.field === 'resourceUrl') return 'resources.error.url';
    if (error.field === 'type') return 'resources.error.provider';
    if (error.field === 'parentId') return 'resources.error.move';
    if (error.reason === 'taken') return 'resources.error.taken';
    if (error.reason === 'slash') return 'resources.error.slash';
    if (error.field === 'title') return 'resources.error.invalidTitle';
  }
  return 'resources.error.unknown';
}
