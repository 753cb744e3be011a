import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Tag } from '../../db/schema/events.ts';
import { posts, type MemberRole, type Post } from '../../db/schema/groups.ts';
import { tagsOfPosts } from './post-tags.ts';
import { canSeePost, listedPostsFor } from './posts.policy.ts';

export interface PostPage {
  total: number;
  elements: Post[];
}

/** Reads of posts; what a viewer may see is decided from their best role in the post's group. */
export class PostsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async byId(id: number): Promise<Post | undefined> {
    const [row] = await this.db.select().from(posts).where(eq(posts.id, id));
    return row;
  }

  async byApId(apId: string): Promise<Post | undefined> {
    const [row] = await this.db.select().from(posts).where(eq(posts.apId, apId));
    return row;
  }

  byApIds(apIds: readonly string[]): Promise<Post[]> {
    if (apIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(posts)
      .where(inArray(posts.apId, [...apIds]));
  }

  async bySlug(slug: string): Promise<Post | undefined> {
    const [row] = await this.db.select().from(posts).where(eq(posts.slug, slug));
    return row;
  }

  /** The post when this role may read it (null role: anonymous or not a member). */
  async visibleBySlug(slug: string, roleIn: (groupId: number) => Promise<MemberRole | null>): Promise<Post | null> {
    const post = await this.bySlug(slug);
    if (!post) return null;
    return canSeePost(post, await roleIn(post.groupId)) ? post : null;
  }

  /** A group's posts this role may see in its list, newest first (by publication, drafts by creation). */
  async ofGroup(groupId: number, role: MemberRole | null, page: number, limit: number): Promise<PostPage> {
    const size = Math.min(Math.max(limit, 1), 50);
    const offset = (Math.max(page, 1) - 1) * size;
    const rules = listedPostsFor(role);
    const where = and(
      eq(posts.groupId, groupId),
      inArray(posts.visibility, rules.visibilities),
      rules.drafts ? undefined : eq(posts.draft, false)
    );
    const [elements, total] = await Promise.all([
      this.db
        .select()
        .from(posts)
        .where(where)
        .orderBy(sql`${posts.publishAt} desc nulls first`, desc(posts.createdAt), desc(posts.id))
        .limit(size)
        .offset(offset),
      this.db.$count(posts, where)
    ]);
    return { total, elements };
  }

  tagsByPostIds(postIds: readonly number[]): Promise<Map<number, Tag[]>> {
    return tagsOfPosts(this.db, postIds);
  }
}
