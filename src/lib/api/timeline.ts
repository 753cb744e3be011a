import { graphql } from './client.ts';
import type { MessageKey, Translate } from '../i18n/messages.ts';
import { isolate } from '../i18n/messages.ts';
import type { TodoPerson } from './todos.ts';

/** A group's history (page /@name/timeline): documents, filters and the sentence of each line. */

export const ACTIVITY_TYPES = ['EVENT', 'POST', 'DISCUSSION', 'RESOURCE', 'GROUP', 'MEMBER'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const isActivityType = (value: string): value is ActivityType =>
  (ACTIVITY_TYPES as readonly string[]).includes(value);

export interface ActivityLine {
  id: string;
  insertedAt: string;
  type: ActivityType;
  subject: string;
  subjectParams: { key: string; value: string }[];
  author: TodoPerson | null;
  object: { __typename: string; id: string; title?: string | null; uuid?: string } | null;
}

export const GROUP_ACTIVITY = graphql<
  { group: TodoPerson & { activity: { total: number; elements: ActivityLine[] } | null } },
  { name: string; type: ActivityType | null; page: number; limit: number }
>(`
  query GroupActivityPage($name: String!, $type: ActivityType, $page: Int, $limit: Int) {
    group(preferredUsername: $name) {
      id
      name
      preferredUsername
      domain
      activity(type: $type, page: $page, limit: $limit) {
        total
        elements {
          id
          insertedAt
          type
          subject
          subjectParams {
            key
            value
          }
          author {
            id
            name
            preferredUsername
            domain
          }
          object {
            __typename
            id
            ... on Event {
              title
              uuid
            }
          }
        }
      }
    }
  }
`);

const SUBJECTS = new Set([
  'event_created',
  'event_updated',
  'event_deleted',
  'post_created',
  'post_updated',
  'post_deleted',
  'discussion_created',
  'discussion_replied',
  'discussion_renamed',
  'discussion_archived',
  'discussion_deleted',
  'resource_created',
  'resource_renamed',
  'resource_moved',
  'resource_updated',
  'resource_deleted',
  'group_created',
  'group_updated',
  'member_request',
  'member_invited',
  'member_accepted_invitation',
  'member_rejected_invitation',
  'member_joined',
  'member_added',
  'member_approved',
  'member_rejected',
  'member_updated',
  'member_removed',
  'member_quit'
]);

/** What the line is about, by the parameter its kind of subject names it with. */
const TITLE_KEYS = ['event_title', 'post_title', 'discussion_title', 'resource_title', 'group_name'];

const nameOf = (p: { name: string | null; preferredUsername: string }) => p.name?.trim() || p.preferredUsername;

/** The line as a sentence in the reader's language ("Ann invited Bob"). */
export function activitySentence(t: Translate, line: ActivityLine): string {
  const params = Object.fromEntries(line.subjectParams.map((p) => [p.key, p.value]));
  const author = line.author ? nameOf(line.author) : t('timeline.someone');
  const member = params.member_actor_name ?? params.member_actor_federated_username ?? t('timeline.someone');
  const title = TITLE_KEYS.map((k) => params[k]).find(Boolean) ?? line.object?.title ?? t('timeline.something');
  const values = { author: isolate(author), member: isolate(member), title: isolate(title), subject: line.subject };
  const key = SUBJECTS.has(line.subject)
    ? (`timeline.subject.${line.subject}` as MessageKey)
    : 'timeline.subject.other';
  return t(key, values);
}
