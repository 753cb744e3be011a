import { z } from 'zod';
import { refusing } from '../../core/validation.ts';
import { htmlToPlainText } from '../../core/plain-text.ts';

/** The longest report message and moderator note kept, in characters of plain text. */
export const MAX_REPORT_CONTENT = 3_000;
/** Events and comments one report may point at (Mobilizon's form offers a handful). */
const MAX_ATTACHED = 50;
/** Raw input beyond this is refused before any parsing (it could never fit once cleaned). */
const MAX_RAW_LENGTH = 30_000;

/** Reports and notes are plain text: any markup goes, entities are decoded, blank lines are folded. */
export const reportText = (raw: string) => htmlToPlainText(raw);

const plainText = (what: string) =>
  z
    .string()
    .max(MAX_RAW_LENGTH, `The ${what} is too long (${MAX_REPORT_CONTENT} characters at most)`)
    .transform(reportText)
    .refine(
      (text) => text.length <= MAX_REPORT_CONTENT,
      refusing(`The ${what} is too long (${MAX_REPORT_CONTENT} characters at most)`, 'too_long')
    );

const ids = z
  .array(z.number().int().positive())
  .max(MAX_ATTACHED, `At most ${MAX_ATTACHED} items may be attached to a report`)
  .nullish()
  .transform((list) => [...new Set(list ?? [])]);

export const newReport = z.object({
  reporterId: z.number().int().positive(),
  reportedId: z.number().int().positive(),
  content: plainText('report')
    .nullish()
    .transform((text) => (text ? text : null)),
  eventIds: ids,
  commentIds: ids,
  forward: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false)
});

export const reportStatus = z.enum(['open', 'closed', 'resolved'], { error: 'Unknown report status' });

export const newNote = z.object({
  reportId: z.number().int().positive(),
  moderatorId: z.number().int().positive(),
  content: plainText('note')
    .nullish()
    .transform((text) => text ?? '')
    .refine((text) => text.length > 0, refusing('The note is empty', 'empty'))
});

export type NewReportInput = z.input<typeof newReport>;
export type NewNoteInput = z.input<typeof newNote>;

/** What a received Flag says, once its URLs were read (the inbox checked who sent it). */
export interface ReceivedFlag {
  apId: string;
  /** The sending actor, stored here: it stands as the reporter. */
  reporterId: number;
  /** Every object URL of the Flag: the reported actor, its events and comments, in any order. */
  objectUrls: readonly string[];
  content: string | null;
}

/** A received report's text: plain, and cut (not refused) at our length, since the sender wrote it. */
export const receivedContent = (raw: string | null): string | null => {
  if (!raw) return null;
  const text = reportText(raw.slice(0, MAX_RAW_LENGTH));
  return text ? text.slice(0, MAX_REPORT_CONTENT) : null;
};
