import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { UUID_PATTERN } from '#lib/api/events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import {
  CREATE_REPORT,
  findComment,
  MAX_REPORT_CONTENT,
  REPORT_TARGET,
  reportRefusal,
  type ReportActor,
  type ReportedComment
} from '#lib/api/reports.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

interface Target {
  event: { id: string; uuid: string; title: string };
  reported: ReportActor;
  comment: ReportedComment | null;
}

/** What is reported: the event's organizer with the event, or a comment's author with the comment. */
async function target(
  event: Pick<Parameters<PageServerLoad>[0], 'params' | 'url' | 'cookies' | 'fetch' | 'locals'>
): Promise<Target> {
  const { uuid } = event.params;
  if (!UUID_PATTERN.test(uuid)) error(404, 'Not found');
  const { event: found } = await gqlAs(event, REPORT_TARGET, { uuid });
  if (!found) error(404, 'Not found');
  const commentId = event.url.searchParams.get('comment');
  const comment = commentId ? findComment(found, commentId) : null;
  if (commentId && !comment) error(404, 'Not found');
  const reported = comment?.actor ?? found.organizerActor;
  if (!reported) error(404, 'Not found');
  return { event: { id: found.id, uuid: found.uuid, title: found.title }, reported, comment };
}

export const load: PageServerLoad = async (event) => {
  // Reports come from a profile of this site: anonymous visitors sign in first.
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  try {
    return { ...(await target(event)), sent: event.url.searchParams.get('sent') === '1', max: MAX_REPORT_CONTENT };
  } catch (caught) {
    if (caught instanceof GraphQLRequestError && caught.notFound) error(404, 'Not found');
    throw caught;
  }
};

export const actions: Actions = {
  default: async (event) => {
    if (!hasSession(event)) redirect(303, loginUrl(event.url));
    const data = await event.request.formData();
    const content = textField(data, 'content');
    const forward = data.get('forward') === 'on';
    try {
      const { event: reportedEvent, reported, comment } = await target(event);
      await gqlAs(event, CREATE_REPORT, {
        reportedId: reported.id,
        content,
        eventsIds: comment ? [] : [reportedEvent.id],
        commentsIds: comment ? [comment.id] : [],
        forward: forward && reported.domain !== null
      });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      return fail(400, { reportError: reportRefusal(err), content, forward });
    }
    const params = new URLSearchParams(event.url.searchParams);
    params.set('sent', '1');
    redirect(303, `${event.url.pathname}?${params}`);
  }
};
