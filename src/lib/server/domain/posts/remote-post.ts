import type { PostVisibility } from './posts.inputs.ts';

/** A post (`Article`) as another server publishes it, read by the federation's converter. */
export interface RemotePostData {
  apId: string;
  url: string;
  title: string;
  /** HTML as received: sanitized when stored. */
  body: string;
  draft: boolean;
  visibility: PostVisibility;
  language: string;
  authorApId: string;
  groupApId: string;
  tags: string[];
  pictureUrl: string | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
}

/** What the domain stores of it, once the federation has resolved its author and group to actors here. */
export type RemotePostInput = Omit<RemotePostData, 'authorApId' | 'groupApId' | 'pictureUrl'> & {
  groupId: number;
  authorId: number | null;
};

export type RemotePostResult = { outcome: 'created' | 'updated' | 'unchanged'; postId: number } | { outcome: 'gone' };
