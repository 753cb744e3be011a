import { redirect } from '@sveltejs/kit';
import { moderationRefused } from '#lib/api/moderation.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { isReportStatus, MODERATION_REPORTS, pageParam, type ReportSummary } from '#lib/api/reports.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const asked = (event.url.searchParams.get('status') ?? 'OPEN').toUpperCase();
  const status = isReportStatus(asked) ? asked : 'OPEN';
  const page = pageParam(event.url.searchParams.get('page'));
  try {
    const { reports } = await gqlAs(event, MODERATION_REPORTS, { status, page, limit: PAGE_SIZE });
    return {
      status,
      page,
      total: reports.total,
      totalPages: Math.max(1, Math.ceil(reports.total / PAGE_SIZE)),
      reports: reports.elements.filter((r): r is ReportSummary => r !== null)
    };
  } catch (err) {
    moderationRefused(err, event.url);
  }
};
