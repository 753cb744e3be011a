import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { moderationRefused } from '#lib/api/moderation.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import {
  CREATE_REPORT_NOTE,
  DELETE_REPORT_NOTE,
  isReportStatus,
  MAX_REPORT_CONTENT,
  MODERATION_REPORT,
  reportRefusal,
  UPDATE_REPORT_STATUS
} from '#lib/api/reports.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

const ID = /^\d{1,18}$/;

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { id } = event.params;
  if (!ID.test(id)) error(404, 'Not found');
  try {
    const { report } = await gqlAs(event, MODERATION_REPORT, { id });
    if (!report) error(404, 'Not found');
    const done = event.url.searchParams.get('done');
    return {
      report,
      max: MAX_REPORT_CONTENT,
      done: done === 'status' || done === 'note' || done === 'deleted' ? done : null
    };
  } catch (err) {
    moderationRefused(err, event.url);
  }
};

/** Each form posts here and comes back to the report with what it did, or with the API's reason. */
async function reportAction(
  event: Parameters<Actions[string]>[0],
  done: 'status' | 'note' | 'deleted',
  run: (id: string, data: FormData) => Promise<unknown>
) {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { id } = event.params;
  if (!id || !ID.test(id)) error(404, 'Not found');
  const data = await event.request.formData();
  try {
    await run(id, data);
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated || err.statusCode === 403) moderationRefused(err, event.url);
    return fail(400, { action: done, reportError: reportRefusal(err), note: textField(data, 'content') });
  }
  redirect(303, `/moderation/reports/${id}?done=${done}`);
}

export const actions: Actions = {
  status: (event) =>
    reportAction(event, 'status', async (reportId, data) => {
      const status = textField(data, 'status');
      if (!isReportStatus(status)) throw new GraphQLRequestError(422, [{ message: 'status', code: 'validation' }]);
      await gqlAs(event, UPDATE_REPORT_STATUS, { reportId, status });
    }),
  note: (event) =>
    reportAction(event, 'note', (reportId, data) =>
      gqlAs(event, CREATE_REPORT_NOTE, { reportId, content: textField(data, 'content') })
    ),
  deleteNote: (event) =>
    reportAction(event, 'deleted', (_reportId, data) =>
      gqlAs(event, DELETE_REPORT_NOTE, { noteId: textField(data, 'noteId') })
    )
};
