import {
  bigint,
  bigserial,
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { tags } from './events.ts';
import { media } from './media.ts';

export const memberRole = pgEnum('member_role', [
  'not_approved',
  'invited',
  'member',
  'moderator',
  'administrator',
  'creator',
  'rejected'
]);

/** Who belongs to which group, and with which role. One row per (group, profile). */
export const members = pgTable(
  'members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    invitedById: bigint('invited_by_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('members_group_actor_idx').on(t.groupId, t.actorId),
    uniqueIndex('members_uuid_idx').on(t.uuid),
    uniqueIndex('members_ap_id_idx').on(t.apId),
    index('members_actor_idx').on(t.actorId, t.role),
    index('members_group_role_idx').on(t.groupId, t.role)
  ]
);

export const postVisibility = pgEnum('post_visibility', ['public', 'unlisted', 'private']);

/** A group's posts (news for its followers, or notes for its members). */
export const posts = pgTable(
  'posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    slug: text('slug').notNull(),
    apId: text('ap_id').notNull(),
    url: text('url').notNull(),
    local: boolean('local').notNull().default(true),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    draft: boolean('draft').notNull().default(false),
    visibility: postVisibility('visibility').notNull().default('public'),
    language: text('language').notNull().default('und'),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    pictureId: bigint('picture_id', { mode: 'number' }).references((): AnyPgColumn => media.id, {
      onDelete: 'set null'
    }),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('posts_uuid_idx').on(t.uuid),
    uniqueIndex('posts_slug_idx').on(t.slug),
    uniqueIndex('posts_ap_id_idx').on(t.apId),
    index('posts_group_idx').on(t.groupId, t.publishAt),
    index('posts_author_idx').on(t.authorId),
    index('posts_picture_idx').on(t.pictureId)
  ]
);

export const postTags = pgTable(
  'post_tags',
  {
    postId: bigint('post_id', { mode: 'number' })
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tagId: bigint('tag_id', { mode: 'number' })
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] }), index('post_tags_tag_idx').on(t.tagId)]
);

/** A thread in a group's members' area; its messages are comments with `discussionId` set. */
export const discussions = pgTable(
  'discussions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    slug: text('slug').notNull(),
    apId: text('ap_id').notNull(),
    url: text('url').notNull(),
    local: boolean('local').notNull().default(true),
    title: text('title').notNull(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    creatorId: bigint('creator_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Moves with every reply: threads are listed by their latest message. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('discussions_uuid_idx').on(t.uuid),
    uniqueIndex('discussions_slug_idx').on(t.slug),
    uniqueIndex('discussions_ap_id_idx').on(t.apId),
    index('discussions_group_idx').on(t.groupId, t.updatedAt)
  ]
);

/** Mobilizon's resource types: a folder, a link, or a document on one of the instance's services. */
export type ResourceType = 'folder' | 'link' | 'pad' | 'calc' | 'visio' | (string & {});

/** What a link's page says of itself (title, description, image…), in Mobilizon's ResourceMetadata shape. */
export interface ResourceMetadataData {
  type?: string;
  title?: string;
  description?: string;
  imageRemoteUrl?: string;
  width?: number;
  height?: number;
  authorName?: string;
  authorUrl?: string;
  providerName?: string;
  providerUrl?: string;
  html?: string;
  faviconUrl?: string;
}

/** A group's shared files: folders and links, in a tree (`path` is the folder path plus the title). */
export const resources = pgTable(
  'resources',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    local: boolean('local').notNull().default(true),
    type: text('type').$type<ResourceType>().notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    resourceUrl: text('resource_url'),
    metadata: jsonb('metadata').$type<ResourceMetadataData>().notNull().default({}),
    path: text('path').notNull(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => resources.id, {
      onDelete: 'cascade'
    }),
    creatorId: bigint('creator_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('resources_uuid_idx').on(t.uuid),
    uniqueIndex('resources_ap_id_idx').on(t.apId),
    index('resources_group_parent_idx').on(t.groupId, t.parentId),
    index('resources_group_path_idx').on(t.groupId, t.path),
    index('resources_parent_idx').on(t.parentId)
  ]
);

export const todoLists = pgTable(
  'todo_lists',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    local: boolean('local').notNull().default(true),
    title: text('title').notNull(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('todo_lists_uuid_idx').on(t.uuid),
    uniqueIndex('todo_lists_ap_id_idx').on(t.apId),
    index('todo_lists_group_idx').on(t.groupId, t.updatedAt)
  ]
);

export const todos = pgTable(
  'todos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    local: boolean('local').notNull().default(true),
    title: text('title').notNull(),
    done: boolean('done').notNull().default(false),
    dueDate: timestamp('due_date', { withTimezone: true }),
    todoListId: bigint('todo_list_id', { mode: 'number' })
      .notNull()
      .references(() => todoLists.id, { onDelete: 'cascade' }),
    creatorId: bigint('creator_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    assignedToId: bigint('assigned_to_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('todos_uuid_idx').on(t.uuid),
    uniqueIndex('todos_ap_id_idx').on(t.apId),
    index('todos_list_idx').on(t.todoListId, t.createdAt),
    index('todos_assigned_idx').on(t.assignedToId)
  ]
);

export const groupActivityType = pgEnum('group_activity_type', [
  'event',
  'post',
  'discussion',
  'resource',
  'group',
  'member'
]);

/** One entry of a group's history: who did what (`subject`, Mobilizon's names), to what, when. */
export const groupActivities = pgTable(
  'group_activities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    type: groupActivityType('type').notNull(),
    subject: text('subject').notNull(),
    subjectParams: jsonb('subject_params').$type<Record<string, string>>().notNull().default({}),
    /** The object's id in its own table, to link to it while it exists. */
    objectId: bigint('object_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    index('group_activities_group_idx').on(t.groupId, t.createdAt),
    index('group_activities_group_type_idx').on(t.groupId, t.type, t.createdAt),
    index('group_activities_author_idx').on(t.authorId)
  ]
);

export type Member = typeof members.$inferSelect;
export type MemberRole = (typeof memberRole.enumValues)[number];
export type Post = typeof posts.$inferSelect;
export type Discussion = typeof discussions.$inferSelect;
export type Resource = typeof resources.$inferSelect;
export type TodoList = typeof todoLists.$inferSelect;
export type Todo = typeof todos.$inferSelect;
export type GroupActivity = typeof groupActivities.$inferSelect;
