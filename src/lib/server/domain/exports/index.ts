export { ParticipantExportsService, EXPORT_LIFETIME_MS } from './participant-exports.service.ts';
export { ParticipantExportsQueries, downloadName, type ExportDownload } from './participant-exports.queries.ts';
export { EXPORT_FORMATS, type ExportFormat } from './exports.inputs.ts';
