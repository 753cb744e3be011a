import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';

/** What the actions use of a request (any route's event fits). */
type ActionEvent = Pick<RequestEvent, 'request' | 'url' | 'cookies' | 'fetch' | 'locals'>;
import { GraphQLRequestError } from './client.ts';
import {
  ACCEPT_RELAY,
  ADD_INSTANCE,
  BLOCK_INSTANCE,
  instanceActionError,
  REJECT_RELAY,
  REMOVE_RELAY,
  UNBLOCK_INSTANCE,
  type InstanceAction
} from './instances.ts';
import { loginUrl } from './redirect.ts';
import { textField } from './registration.ts';
import { gqlAs } from './session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** What a refused instance action answers, for the page to show beside its form. */
export interface InstanceActionFailure {
  action: InstanceAction;
  error: MessageKey;
  domain: string;
}

/** Anonymous visitors sign in first; signed-in people who are not administrators get a 403. */
export function refusedAdmin(err: unknown, url: URL): never {
  if (err instanceof GraphQLRequestError) {
    if (err.unauthenticated) redirect(303, loginUrl(url));
    if (err.statusCode === 403) error(403, 'Forbidden');
  }
  throw err;
}

/** The page the action was posted from, without the action's own query and an earlier notice. */
function backTo(url: URL): string {
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (!key.startsWith('/') && key !== 'done' && key !== 'subject') params.append(key, value);
  }
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

const withNotice = (path: string, action: InstanceAction, subject: string) =>
  `${path}${path.includes('?') ? '&' : '?'}done=${action}&subject=${encodeURIComponent(subject)}`;

async function run(event: ActionEvent, action: InstanceAction) {
  const data = await event.request.formData();
  const domain = textField(data, 'domain').trim();
  const address = textField(data, 'address').trim() || domain;
  try {
    switch (action) {
      case 'add': {
        const { addInstance } = await gqlAs(event, ADD_INSTANCE, { domain });
        redirect(
          303,
          withNotice(`/admin/instances/${encodeURIComponent(addInstance.domain)}`, action, addInstance.domain)
        );
        break;
      }
      case 'accept':
        await gqlAs(event, ACCEPT_RELAY, { address });
        break;
      case 'reject':
        await gqlAs(event, REJECT_RELAY, { address });
        break;
      case 'remove':
        await gqlAs(event, REMOVE_RELAY, { address });
        break;
      case 'block':
        await gqlAs(event, BLOCK_INSTANCE, { domain });
        break;
      case 'unblock':
        await gqlAs(event, UNBLOCK_INSTANCE, { domain });
        break;
    }
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated || err.statusCode === 403) refusedAdmin(err, event.url);
    if (instanceActionError(action, err) === 'admin.instances.error.unknown') {
      console.error(`instance action ${action} failed`, err);
    }
    return fail(400, { action, error: instanceActionError(action, err), domain } satisfies InstanceActionFailure);
  }
  redirect(303, withNotice(backTo(event.url), action, domain));
}

/** The form actions of the instances pages: each posts a domain (and a relay address), then comes back. */
export const instanceActions = {
  add: (event: ActionEvent) => run(event, 'add'),
  accept: (event: ActionEvent) => run(event, 'accept'),
  reject: (event: ActionEvent) => run(event, 'reject'),
  remove: (event: ActionEvent) => run(event, 'remove'),
  block: (event: ActionEvent) => run(event, 'block'),
  unblock: (event: ActionEvent) => run(event, 'unblock')
};
