import { redirect } from '@sveltejs/kit';
import { decideOnFollower } from '#lib/api/group-follows.ts';
import type { RequestHandler } from './$types';

/**
 * Approving or refusing a follower. It has an address of its own: the followers page's address is
 * also the group's ActivityPub followers collection, whose POSTs the federation answers.
 */
export const POST: RequestHandler = async (event) => {
  const data = await event.request.formData();
  const outcome = await decideOnFollower(event, data);
  const back = new URLSearchParams({ decided: outcome, who: String(data.get('name') ?? '').slice(0, 200) });
  const filter = String(data.get('filter') ?? '');
  if (filter) back.set('filter', filter);
  redirect(303, `/@${encodeURIComponent(event.params.name).replace(/%40/g, '@')}/followers?${back}`);
};
