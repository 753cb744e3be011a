export { PostsService, type LocalActing } from './posts.service.ts';
export { RemotePostsService } from './remote-posts.service.ts';
export { PostsQueries, type PostPage } from './posts.queries.ts';
export { canSeePost, listedPostsFor } from './posts.policy.ts';
export { postSlug, postUrl } from './post-slug.ts';
export {
  POST_VISIBILITIES,
  MAX_TITLE_LENGTH,
  type PostVisibility,
  type NewPostInput,
  type PostChanges
} from './posts.inputs.ts';
export type { PostPictureChange } from './post-picture.ts';
export type { RemotePostData, RemotePostInput, RemotePostResult } from './remote-post.ts';
export { deletePostsOfGroup } from './posts-of-group.ts';
