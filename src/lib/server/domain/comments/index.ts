export { CommentsService } from './comments.service.ts';
export { CommentsQueries } from './comments.queries.ts';
export {
  canSeeComment,
  canSeeEventComments,
  isAuthor,
  moderationOf,
  type CommentModeration,
  type CommentViewer
} from './comments.policy.ts';
export { MAX_COMMENT_LENGTH, commentInputs } from './comments.inputs.ts';
export type { RemoteCommentData } from './remote-comment.ts';
export type { RemoteCommentResult, RemoteCommentWriters } from './remote-comments.ts';
