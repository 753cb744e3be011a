export { ConversationsService, DEFAULT_ANNOUNCEMENT_ROLES } from './conversations.service.ts';
export {
  ConversationsQueries,
  type Announcement,
  type AnnouncementRecipient,
  type ConversationView
} from './conversations.queries.ts';
export { MAX_ANNOUNCEMENT_LENGTH } from './conversations.inputs.ts';
