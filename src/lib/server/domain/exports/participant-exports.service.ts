import { and, eq, lt } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors } from '../../db/schema/actors.ts';
import { events } from '../../db/schema/events.ts';
import { participantExports, type ParticipantExport } from '../../db/schema/exports.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { renderCsv } from './csv.ts';
import { exportRequestInput, type ExportFormat } from './exports.inputs.ts';
import { exportLocale } from './labels.ts';
import { renderOds } from './ods.ts';
import { organizerProfiles } from './organizers.ts';
import { renderPdf } from './pdf.ts';
import { exportTable } from './rows.ts';
import type { ExportTable } from './table.ts';

/** How long a file stays downloadable; the daily sweep removes it after that. */
export const EXPORT_LIFETIME_MS = 48 * 3600 * 1000;

const renderers: Record<ExportFormat, (table: ExportTable) => Uint8Array | Promise<Uint8Array>> = {
  csv: renderCsv,
  ods: renderOds,
  pdf: renderPdf
};

export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/**
 * Participant lists as files for an event's organizers. Asking records the export and a domain
 * event in one transaction; a job renders the file; the sweep removes expired ones.
 */
export class ParticipantExportsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  private get dir() {
    return exportsDir(this.deps.config.dataDir);
  }

  async request(
    userId: number,
    raw: { eventId: number; roles: readonly string[]; format: string }
  ): Promise<ParticipantExport> {
    const input = parseInput(exportRequestInput, { ...raw, roles: [...new Set(raw.roles)] });
    const [event] = await this.deps.db.select({ id: events.id }).from(events).where(eq(events.id, input.eventId));
    const organizers = event ? await organizerProfiles(this.deps.db, input.eventId, userId) : [];
    // Someone who does not run the event learns nothing about it, not even that it exists.
    if (!event || organizers.length === 0) {
      throw new DomainError('forbidden', 'Only the event’s organizers may export its participants', {
        field: 'eventId'
      });
    }
    const fileName = `${randomBytes(24).toString('base64url')}.${input.format}`;
    return transaction(this.deps.pool, async (tx) => {
      const [row] = await tx.db
        .insert(participantExports)
        .values({
          fileName,
          format: input.format,
          eventId: input.eventId,
          requestedById: organizers[0],
          roles: input.roles,
          expiresAt: new Date(Date.now() + EXPORT_LIFETIME_MS)
        })
        .returning();
      if (!row) throw new Error('export not stored');
      await this.deps.events.record(tx, 'ParticipantExportRequested', { exportId: row.id });
      return row;
    });
  }

  /** The job: renders a pending export into its file; a failure is recorded, not retried forever. */
  async produce(exportId: number): Promise<void> {
    const [row] = await this.deps.db.select().from(participantExports).where(eq(participantExports.id, exportId));
    if (!row || row.status !== 'pending') return;
    const [event] = await this.deps.db.select().from(events).where(eq(events.id, row.eventId));
    if (!event) return;
    const [requester] = row.requestedById
      ? await this.deps.db
          .select({ locale: users.locale })
          .from(actors)
          .innerJoin(users, eq(users.id, actors.userId))
          .where(eq(actors.id, row.requestedById))
      : [];
    try {
      const table = await exportTable(
        this.deps.db,
        event,
        row.roles as ParticipantRole[],
        exportLocale(requester?.locale)
      );
      const bytes = await renderers[row.format](table);
      await mkdir(this.dir, { recursive: true });
      const path = join(this.dir, row.fileName);
      await writeFile(`${path}.part`, bytes, { mode: 0o600 });
      await rename(`${path}.part`, path);
    } catch (error) {
      this.deps.logger.error('participant export failed', { exportId, error: String(error) });
      await this.deps.db
        .update(participantExports)
        .set({ status: 'failed', error: String(error).slice(0, 500) })
        .where(eq(participantExports.id, row.id));
      return;
    }
    await this.deps.db
      .update(participantExports)
      .set({ status: 'ready' })
      .where(and(eq(participantExports.id, row.id), eq(participantExports.status, 'pending')));
  }

  /** Removes the files and rows of exports past their expiry; returns how many went. */
  async sweepExpired(now = new Date()): Promise<number> {
    const expired = await this.deps.db
      .delete(participantExports)
      .where(lt(participantExports.expiresAt, now))
      .returning({ fileName: participantExports.fileName });
    for (const { fileName } of expired) await rm(join(this.dir, fileName), { force: true });
    return expired.length;
  }
}
