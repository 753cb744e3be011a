import { redirect } from '@sveltejs/kit';
import { groupFollowAction } from '#lib/api/group-follows.ts';
import type { RequestHandler } from './$types';

/** Where a page sends back to: a path of this site only (anything else: the group's page). */
function backTo(raw: FormDataEntryValue | null, fallback: string): string {
  const path = typeof raw === 'string' ? raw : '';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : fallback;
}

/**
 * The follow button's form (follow, unfollow, turn the news of new events on or off). It has an
 * address of its own: the group's page and its followers page are also ActivityPub documents, whose
 * POSTs the federation answers. Goes back to `back` (or the group's page) with `?follow=<outcome>`.
 */
export const POST: RequestHandler = async (event) => {
  const data = await event.request.formData();
  const outcome = await groupFollowAction(event, data);
  const target = new URL(backTo(data.get('back'), `/@${event.params.name}`), event.url.origin);
  target.searchParams.set('follow', outcome);
  redirect(303, `${target.pathname}${target.search}`);
};
