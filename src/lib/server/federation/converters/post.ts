import type { Actor } from '../../db/schema/actors.ts';
import type { Tag } from '../../db/schema/events.ts';
import type { Post } from '../../db/schema/groups.ts';
import type { Media } from '../../db/schema/media.ts';
import type { RemotePostData } from '../../domain/posts/index.ts';
import { MOBILIZON_CONTEXT, PUBLIC_COLLECTION } from './context.ts';
import {
  asArray,
  booleanOf,
  dateOf,
  httpUrlOf,
  idOf,
  idsOf,
  isObject,
  isPublicAddressed,
  isPublicInTo,
  stringOf,
  textOf,
  typeOf,
  type Json
} from './json.ts';

export interface PostApInput {
  post: Post;
  /** Who wrote it (null: the profile is gone; the group then speaks for it). */
  author: Actor | null;
  group: Actor;
  tags?: readonly Tag[];
  picture?: Media | null;
  /** This instance's origin, for tag pages. */
  publicUrl?: string;
}

/**
 * Mobilizon's audience for a post (activitypub.md, Post): public to everyone with the group's
 * followers and members in copy; unlisted to followers and members with the public in copy;
 * private posts and drafts to the members only.
 */
function audience(post: Post, group: Actor): { to: string[]; cc: string[] } {
  const followers = group.followersUrl ? [group.followersUrl] : [];
  const members = group.membersUrl ? [group.membersUrl] : [];
  if (post.draft || post.visibility === 'private') return { to: members, cc: [] };
  if (post.visibility === 'unlisted') return { to: [...followers, ...members], cc: [PUBLIC_COLLECTION] };
  return { to: [PUBLIC_COLLECTION], cc: [...followers, ...members] };
}

/** A group's post as Mobilizon publishes it: an `Article`, with the context at the top. */
export function postToAp(input: PostApInput): Json & { id: string } {
  const { post, author, group, picture } = input;
  const base = input.publicUrl ?? new URL(post.apId).origin;
  return {
    '@context': MOBILIZON_CONTEXT,
    type: 'Article',
    id: post.apId,
    url: post.url,
    uuid: post.uuid,
    name: post.title,
    content: post.body,
    ...(post.language !== 'und' ? { contentMap: { [post.language]: post.body }, inLanguage: post.language } : {}),
    mediaType: 'text/html',
    actor: (author ?? group).apId,
    attributedTo: group.apId,
    ...audience(post, group),
    published: (post.publishAt ?? post.createdAt).toISOString(),
    updated: post.updatedAt.toISOString(),
    draft: post.draft,
    tag: (input.tags ?? []).map((t) => ({ type: 'Hashtag', name: `#${t.slug}`, href: `${base}/tags/${t.slug}` })),
    attachment: picture
      ? [
          {
            type: 'Document',
            mediaType: picture.contentType,
            url: picture.url,
            name: 'Banner',
            ...(picture.blurhash ? { blurhash: picture.blurhash } : {})
          }
        ]
      : []
  };
}

/** What a deleted post leaves: a Tombstone (in a Delete, and at its id with a 410). */
export function postTombstoneToAp(apId: string, deleted: Date = new Date()): Json & { id: string } {
  return { type: 'Tombstone', formerType: 'Article', id: apId, deleted: deleted.toISOString() };
}

/** The post's banner: the picture attachment named "Banner", else `image`, else the first picture. */
function pictureFromAp(object: Json): string | null {
  const pictures = asArray(object.attachment).filter(
    (a): a is Json =>
      isObject(a) && (a.type === 'Document' || a.type === 'Image') && /^image\//.test(stringOf(a.mediaType) ?? 'image/')
  );
  const banner =
    pictures.find((a) => a.name === 'Banner') ?? (isObject(object.image) ? object.image : undefined) ?? pictures[0];
  const url = banner ? (httpUrlOf(banner.url) ?? httpUrlOf(idOf(banner.url))) : httpUrlOf(object.image);
  return url ?? null;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;

/**
 * An `Article` from Mobilizon or another Convene, as data. Null unless it names both its author
 * (`actor`) and its group (`attributedTo`), has an id and a title. The visibility follows the
 * audience: the public in `to` ⇒ public, in `cc` (or the group's followers addressed) ⇒ unlisted,
 * else (the members only) ⇒ private.
 */
export function postFromAp(object: Json, context: { groupFollowersUrl?: string | null } = {}): RemotePostData | null {
  if (typeOf(object) !== 'Article') return null;
  const apId = httpUrlOf(object.id);
  const authorApId = httpUrlOf(idsOf(object.actor)[0]);
  const groupApId = httpUrlOf(idsOf(object.attributedTo)[0]);
  const title = textOf(object, 'name')?.replace(/\s+/g, ' ').trim();
  if (!apId || !authorApId || !groupApId || !title) return null;
  const followers = context.groupFollowersUrl;
  const toFollowers = followers ? [...idsOf(object.to), ...idsOf(object.cc)].includes(followers) : false;
  const visibility = isPublicInTo(object)
    ? 'public'
    : isPublicAddressed(object) || toFollowers
      ? 'unlisted'
      : 'private';
  const language =
    stringOf(object.inLanguage) ?? (isObject(object.contentMap) ? Object.keys(object.contentMap)[0] : undefined);
  const publishedAt = dateOf(object.published) ?? null;
  return {
    apId,
    url: httpUrlOf(idOf(asArray(object.url)[0])) ?? apId,
    title: title.slice(0, 250),
    body: textOf(object, 'content') ?? '',
    draft: booleanOf(object.draft) === true,
    visibility,
    language: language && LANGUAGE.test(language) ? language.split('-')[0]!.toLowerCase() : 'und',
    authorApId,
    groupApId,
    tags: asArray(object.tag)
      .filter((t): t is Json => isObject(t) && t.type === 'Hashtag')
      .map((t) => (stringOf(t.name) ?? '').replace(/^#/, ''))
      .filter(Boolean)
      .slice(0, 10),
    pictureUrl: pictureFromAp(object),
    publishedAt,
    updatedAt: dateOf(object.updated) ?? publishedAt
  };
}
