import { redirect } from '@sveltejs/kit';
import { loginUrl } from '#lib/api/redirect.ts';
import type { LayoutServerLoad } from './$types';

/** Every settings page needs a signed-in user. */
export const load: LayoutServerLoad = async ({ parent, url }) => {
  const { user } = await parent();
  if (!user) redirect(303, loginUrl(url));
  return {};
};
