/** A discussion message as another server publishes it (a Note with `context`), as plain data. */
export interface RemoteDiscussionMessage {
  /** The group it belongs to (resolved from `attributedTo` / the addressing by the inbox). */
  groupId: number;
  /** The discussion's id (`context`) and page. */
  discussionApId: string;
  discussionUrl?: string | null;
  /** The discussion's title, carried by its first message (`name`). */
  title: string | null;
  apId: string;
  url: string;
  uuid: string | null;
  text: string;
  publishedAt: Date | null;
  updatedAt: Date | null;
}

/** The same, as a remote group announced it: its author is already resolved. */
export interface AnnouncedDiscussionMessage extends RemoteDiscussionMessage {
  authorId: number;
}
