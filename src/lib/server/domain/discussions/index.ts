export { DiscussionsService } from './discussions.service.ts';
export { DiscussionsQueries } from './discussions.queries.ts';
export {
  canDeleteDiscussion,
  canDeleteMessage,
  canEditMessage,
  canRenameDiscussion,
  canSeeDiscussions
} from './discussions.policy.ts';
export { MAX_TITLE_LENGTH } from './discussions.inputs.ts';
export { discussionSlug, slugify } from './slug.ts';
export type { AnnouncedDiscussionMessage, RemoteDiscussionMessage } from './remote-message.ts';
export { deleteDiscussionsOfGroup } from './discussions-of-group.ts';
