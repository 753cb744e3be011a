/** A comment received from another server, as the federation converter read it (nothing checked yet). */
export interface RemoteCommentData {
  apId: string;
  url: string;
  /** The uuid it has on its server, reused locally when free. */
  uuid: string | null;
  /** HTML as received (sanitized when stored). */
  text: string;
  language: string;
  /** Addressed to the public (`to`), unlisted (public in `cc` only), or to some actors only. */
  visibility: 'public' | 'unlisted' | 'private';
  authorApId: string;
  /** What it answers: one of our comments or events, by id or url; null when it answers nothing. */
  inReplyToApId: string | null;
  isAnnouncement: boolean;
  publishedAt: Date | null;
  updatedAt: Date | null;
}
