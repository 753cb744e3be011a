import { and, eq, gt } from 'drizzle-orm';
import { join } from 'node:path';
import type { Database } from '../../db/client.ts';
import { events } from '../../db/schema/events.ts';
import { participantExports } from '../../db/schema/exports.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from './exports.inputs.ts';
import { organizerProfiles } from './organizers.ts';
import { exportsDir } from './participant-exports.service.ts';

export type ExportDownload =
  | { status: 'pending' }
  | { status: 'failed' }
  | { status: 'ready'; path: string; contentType: string; downloadName: string };

const FILE_NAME = /^[A-Za-z0-9_-]{32}\.(csv|ods|pdf)$/;

/** A readable file name from the event's title: letters and digits of any script, the rest dashes. */
export function downloadName(title: string, format: ExportFormat): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'event'}-participants.${format}`;
}

export class ParticipantExportsQueries {
  private readonly db: Database;
  private readonly dataDir: string;
  constructor(db: Database, dataDir: string) {
    this.db = db;
    this.dataDir = dataDir;
  }

  /**
   * An export as its downloader may have it: only a signed-in organizer of the event, checked now
   * (not when it was asked for), gets anything; everyone else gets undefined, as for a missing file.
   */
  async forDownload(userId: number | null, format: string, fileName: string): Promise<ExportDownload | undefined> {
    if (userId === null || !EXPORT_FORMATS.includes(format as ExportFormat) || !FILE_NAME.test(fileName)) {
      return undefined;
    }
    const [row] = await this.db
      .select({ export: participantExports, title: events.title })
      .from(participantExports)
      .innerJoin(events, eq(events.id, participantExports.eventId))
      .where(
        and(
          eq(participantExports.fileName, fileName),
          eq(participantExports.format, format as ExportFormat),
          gt(participantExports.expiresAt, new Date())
        )
      );
    if (!row) return undefined;
    if ((await organizerProfiles(this.db, row.export.eventId, userId)).length === 0) return undefined;
    if (row.export.status !== 'ready') return { status: row.export.status };
    return {
      status: 'ready',
      path: join(exportsDir(this.dataDir), row.export.fileName),
      contentType: CONTENT_TYPES[row.export.format],
      downloadName: downloadName(row.title, row.export.format)
    };
  }
}
