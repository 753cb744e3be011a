export { ReportsService } from './reports.service.ts';
export {
  ReportsQueries,
  MAX_REPORTS_PAGE,
  type ModeratorRecipient,
  type ReportListFilter,
  type ReportReader
} from './reports.queries.ts';
export { mayModerate } from './reports.policy.ts';
export { MAX_REPORT_CONTENT, type ReceivedFlag } from './reports.inputs.ts';
