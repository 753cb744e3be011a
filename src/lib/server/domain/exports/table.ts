import type { ExportLocale } from './labels.ts';

/** One participant as the files show them; every value is already plain text. */
export interface ExportRow {
  name: string;
  handle: string;
  role: string;
  joinedAt: Date;
  /** `joinedAt` as people read it (the event's time zone). */
  joinedAtText: string;
  message: string;
}

/** What every format renders: a title, the column headings and the rows, in one language. */
export interface ExportTable {
  title: string;
  locale: ExportLocale;
  headings: [name: string, handle: string, role: string, joinedAt: string, message: string];
  rows: ExportRow[];
  /** Shown instead of rows when there are none (PDF). */
  empty: string;
}

export const cellsOf = (row: ExportRow): string[] => [row.name, row.handle, row.role, row.joinedAtText, row.message];
