import { DomainError } from '../../core/errors.ts';
import type { ExportFormat } from '../../domain/exports/index.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { ParticipantRoleEnum } from './participations.ts';

const ExportFormatEnum = builder.enumType('ExportFormatEnum', { values: ['CSV', 'PDF', 'ODS'] as const });

const ParticipantExport = builder.objectRef<{ fileName: string; format: ExportFormat }>('ParticipantExport').implement({
  fields: (t) => ({
    path: t.string({
      description: 'The file name; the file is downloaded from /exports/<format>/<path> once ready',
      resolve: (e) => e.fileName
    }),
    format: t.field({ type: ExportFormatEnum, resolve: (e) => e.format.toUpperCase() as 'CSV' | 'PDF' | 'ODS' })
  })
});

builder.mutationField('exportEventParticipants', (t) =>
  t.field({
    type: ParticipantExport,
    description: "Export the event's participants as a file (organizers only); a job writes it",
    args: {
      eventId: t.arg.id({ required: true }),
      roles: t.arg({ type: [ParticipantRoleEnum], required: { list: false, items: false }, defaultValue: [] }),
      format: t.arg({ type: ExportFormatEnum })
    },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const eventId = parseId(args.eventId);
      if (eventId === null) throw new DomainError('not_found', 'Event not found', { field: 'eventId' });
      const roles = (args.roles ?? []).filter((r) => r !== null && r !== undefined).map((r) => r.toLowerCase());
      return ctx.services.participantExports.request(user.id, {
        eventId,
        roles,
        format: (args.format ?? 'CSV').toLowerCase()
      });
    }
  })
);
