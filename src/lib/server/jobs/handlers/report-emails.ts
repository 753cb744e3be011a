import type { Config } from '../../config/index.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { reportCreatedMail } from '../../emails/templates/report-created.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';
import { jobIdFor, type Jobs } from '../queue.ts';

const REPORT_MAIL_JOB = 'report-mail.moderator';

const handleOf = (actor: Actor, ownDomain: string) => `@${actor.preferredUsername}@${actor.domain ?? ownDomain}`;
const labelOf = (actor: Actor, ownDomain: string) => {
  const name = actor.name?.trim();
  return name ? `${name} (${handleOf(actor, ownDomain)})` : handleOf(actor, ownDomain);
};

/**
 * Every moderator and administrator hears of a new report (made here or received from another
 * server), each in their language, with a link to the report. One job per recipient, its id derived
 * from (report, user), so that a retry never mails anyone twice.
 */
export function registerReportEmails(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer; jobs: Jobs }
): void {
  const { config, services, mailer, jobs } = deps;

  jobs.define<{ reportId: number; userId: number }>({
    name: REPORT_MAIL_JOB,
    retryLimit: 10,
    handle: async ({ reportId, userId }) => {
      const [found, [recipient]] = await Promise.all([
        services.queries.reports.forMail(reportId),
        services.queries.reports.moderatorRecipients(userId)
      ]);
      if (!found || !recipient) return;
      const { report, reported, reporter } = found;
      const mail = reportCreatedMail(mailLocale(recipient.locale), config.instanceName, {
        reported: labelOf(reported, config.domain),
        reporter: reporter ? labelOf(reporter, config.domain) : null,
        server: report.local ? null : (reporter?.domain ?? new URL(report.apId).host),
        content: report.content,
        url: `${config.publicUrl}/moderation/reports/${report.id}`
      });
      await mailer.send({ to: recipient.email, ...mail });
    }
  });

  bus.subscribe('ReportCreated', 'mail', async ({ payload }) => {
    for (const { userId } of await services.queries.reports.moderatorRecipients()) {
      await jobs.send(
        REPORT_MAIL_JOB,
        { reportId: payload.reportId, userId },
        { id: jobIdFor(`report:${payload.reportId}:${userId}`) }
      );
    }
  });
}
