import type { Config } from '../../config/index.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { instanceFollowRequestMail } from '../../emails/templates/instance-follow-request.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';

/** Administrators hear of every instance asking to follow this one (the relay approves by hand). */
export function registerRelayEmails(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer }
): void {
  const { config, services, mailer } = deps;
  bus.subscribe('InstanceFollowRequested', 'mail', async ({ payload }) => {
    const found = await services.queries.follows.withActors(payload.followId);
    if (!found || found.follow.approved || found.follower.domain === null) return;
    const domain = found.follower.domain;
    const follower = { domain, address: `${found.follower.preferredUsername}@${domain}` };
    const url = `${config.publicUrl}/admin/instances/${encodeURIComponent(domain)}`;
    for (const admin of await services.queries.users.administrators()) {
      const mail = instanceFollowRequestMail(mailLocale(admin.locale), config.instanceName, follower, url);
      await mailer.send({ to: admin.email, ...mail });
    }
  });
}
