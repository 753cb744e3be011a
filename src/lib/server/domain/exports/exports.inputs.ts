import { z } from 'zod';
import { participantRole } from '../../db/schema/participants.ts';
import { exportFormat } from '../../db/schema/exports.ts';

export const EXPORT_FORMATS = exportFormat.enumValues;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportRequestInput = z.object({
  eventId: z.number().int().positive(),
  /** Empty: every role. */
  roles: z.array(z.enum(participantRole.enumValues)).max(participantRole.enumValues.length * 2),
  format: z.enum(EXPORT_FORMATS)
});
export type ExportRequestInput = z.infer<typeof exportRequestInput>;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  pdf: 'application/pdf'
};
