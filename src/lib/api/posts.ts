import type { MessageKey } from '#lib/i18n/messages.ts';
import { graphql } from './client.ts';

/** The pages' documents for group posts (Mobilizon's `/p/:slug` and a group's `/@name/p`). */

export type PostVisibilityName = 'PUBLIC' | 'UNLISTED' | 'PRIVATE';
export const POST_VISIBILITY_NAMES: readonly PostVisibilityName[] = ['PUBLIC', 'UNLISTED', 'PRIVATE'];

export interface PostActor {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
  url: string | null;
}

export interface PostSummary {
  id: string;
  title: string;
  slug: string;
  draft: boolean;
  visibility: PostVisibilityName;
  publishAt: string | null;
  insertedAt: string;
  author: PostActor | null;
}

export interface PostDetails extends PostSummary {
  body: string;
  url: string;
  language: string;
  updatedAt: string;
  attributedTo: PostActor | null;
  tags: ({ slug: string; title: string } | null)[] | null;
  picture: { id: string; url: string; alt: string | null } | null;
}

const ACTOR = 'id preferredUsername name domain url';
const SUMMARY = `id title slug draft visibility publishAt insertedAt author { ${ACTOR} }`;

export const GROUP_POSTS_PAGE = graphql<
  {
    group: (PostActor & { posts: { total: number; elements: (PostSummary | null)[] } | null }) | null;
  },
  { name: string; page: number; limit: number }
>(`
  query GroupPostsPage($name: String!, $page: Int, $limit: Int) {
    group(preferredUsername: $name) {
      ${ACTOR}
      posts(page: $page, limit: $limit) { total elements { ${SUMMARY} } }
    }
  }
`);

export const GROUP_FOR_POSTS = graphql<{ group: PostActor | null }, { name: string }>(`
  query GroupForPosts($name: String!) { group(preferredUsername: $name) { ${ACTOR} } }
`);

/** The current profile's role in the group (moderators and up write posts). */
export const MY_ROLE_IN_GROUP = graphql<
  { loggedPerson: { id: string; memberships: { elements: ({ role: string } | null)[] } | null } | null },
  { name: string }
>(`
  query MyRoleInGroup($name: String!) {
    loggedPerson {
      id
      memberships(group: $name) {
        elements {
          role
        }
      }
    }
  }
`);

export const POST_PAGE = graphql<{ post: PostDetails | null }, { slug: string }>(`
  query PostPage($slug: String!) {
    post(slug: $slug) {
      ${SUMMARY} body url language updatedAt
      attributedTo { ${ACTOR} }
      tags { slug title }
      picture { id url alt }
    }
  }
`);

export interface PostVariables extends Record<string, unknown> {
  title: string;
  body: string;
  visibility: PostVisibilityName;
  draft: boolean;
  tags: string[];
  picture?: { media: { name: string; file: File } } | null;
}

export const CREATE_POST = graphql<{ createPost: { slug: string } }, PostVariables & { attributedToId: string }>(`
  mutation CreatePostFromPage(
    $attributedToId: ID!
    $title: String!
    $body: String!
    $visibility: PostVisibility
    $draft: Boolean
    $tags: [String]
    $picture: MediaInput
  ) {
    createPost(
      attributedToId: $attributedToId
      title: $title
      body: $body
      visibility: $visibility
      draft: $draft
      tags: $tags
      picture: $picture
    ) {
      slug
    }
  }
`);

export const UPDATE_POST = graphql<{ updatePost: { slug: string } }, PostVariables & { id: string }>(`
  mutation UpdatePostFromPage(
    $id: ID!
    $title: String
    $body: String
    $visibility: PostVisibility
    $draft: Boolean
    $tags: [String]
    $picture: MediaInput
  ) {
    updatePost(
      id: $id
      title: $title
      body: $body
      visibility: $visibility
      draft: $draft
      tags: $tags
      picture: $picture
    ) {
      slug
    }
  }
`);

export const DELETE_POST = graphql<{ deletePost: { id: string } | null }, { id: string }>(`
  mutation DeletePostFromPage($id: ID!) {
    deletePost(id: $id) {
      id
    }
  }
`);

/** Roles that write a group's posts (Mobilizon's moderators and up). */
export const canWritePosts = (roles: readonly (string | null | undefined)[]) =>
  roles.some((r) => r === 'MODERATOR' || r === 'ADMINISTRATOR' || r === 'CREATOR');

/** A group's handle in our URLs: `name` here, `name@domain` for a group of another server. */
export const groupHandle = (group: Pick<PostActor, 'preferredUsername' | 'domain'>) =>
  group.domain ? `${group.preferredUsername}@${group.domain}` : group.preferredUsername;

/** A group name from the `@[name]` route parameter, when it looks like one. */
export function groupNameParam(raw: string): string | null {
  const name = raw.replace(/^@/, '');
  return /^[a-z0-9_]+(@[a-z0-9.-]+(:\d+)?)?$/i.test(name) ? name : null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The form's plain text as HTML: blank lines part paragraphs, single line breaks stay. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** A post's HTML as the form's plain text (paragraphs kept; other formatting is dropped). */
export function htmlToFormText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|blockquote|li|pre)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+|#39);/gi, (whole, name: string) =>
      ENTITIES[name] !== undefined
        ? ENTITIES[name]
        : /^#\d{1,6}$/.test(name) && Number(name.slice(1)) <= 0x10ffff
          ? String.fromCodePoint(Number(name.slice(1)))
          : whole
    )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export type PostFormField = 'title' | 'body' | 'tags' | 'picture';
export type PostFormErrors = Partial<Record<PostFormField, MessageKey>>;

export interface PostFormValues {
  title: string;
  body: string;
  visibility: PostVisibilityName;
  tags: string;
}

/** What the form sent, read leniently (validation is the API's). */
export function readPostForm(data: FormData): { values: PostFormValues; draft: boolean; picture: File | null } {
  const text = (key: string) => {
    const value = data.get(key);
    return typeof value === 'string' ? value : '';
  };
  const visibility = text('visibility') as PostVisibilityName;
  const file = data.get('picture');
  return {
    values: {
      title: text('title'),
      body: text('body'),
      visibility: POST_VISIBILITY_NAMES.includes(visibility) ? visibility : 'PUBLIC',
      tags: text('tags')
    },
    draft: text('intent') === 'draft',
    picture: file instanceof File && file.size > 0 ? file : null
  };
}

export const tagList = (tags: string) =>
  tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
