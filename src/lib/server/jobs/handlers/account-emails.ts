import type { Config } from '../../config/index.ts';
import type { User } from '../../db/schema/accounts.ts';
import { mailLocale } from '../../emails/layout.ts';
import type { Mailer } from '../../emails/mailer.ts';
import { confirmRegistrationMail } from '../../emails/templates/confirm-registration.ts';
import { resetPasswordMail } from '../../emails/templates/reset-password.ts';
import { confirmNewEmailMail, emailChangeNoticeMail } from '../../emails/templates/change-email.ts';
import type { Services } from '../../services.ts';
import type { DomainEventBus } from '../domain-events.ts';

/**
 * Account emails leave from jobs: the token is made when the mail is sent, so a mail that fails
 * and is retried carries a working link, and a rolled-back registration sends nothing.
 */
export function registerAccountEmails(
  bus: DomainEventBus,
  deps: { config: Config; services: Services; mailer: Mailer }
): void {
  const { config, services, mailer } = deps;

  const sendConfirmation = async (user: User | undefined) => {
    if (!user || user.confirmedAt || user.disabled) return;
    const token = await services.accounts.issueEmailToken(user.id, 'confirm_registration');
    const mail = confirmRegistrationMail(
      mailLocale(user.locale),
      config.instanceName,
      `${config.publicUrl}/validate/${token}`
    );
    await mailer.send({ to: user.email, ...mail });
  };

  bus.subscribe('ConfirmationRequested', 'mail', async ({ payload }) =>
    sendConfirmation(await services.accounts.userById(payload.userId))
  );

  // Asked for by address: unknown, confirmed or disabled accounts get nothing (and the asker is not told).
  bus.subscribe('ConfirmationResendRequested', 'mail', async ({ payload }) =>
    sendConfirmation(await services.accounts.userByEmail(payload.email))
  );

  bus.subscribe('PasswordResetRequested', 'mail', async ({ payload }) => {
    const user = await services.accounts.userByEmail(payload.email);
    if (!user || !user.confirmedAt || user.disabled) return;
    const token = await services.accounts.issueEmailToken(user.id, 'reset_password');
    const mail = resetPasswordMail(
      mailLocale(user.locale),
      config.instanceName,
      `${config.publicUrl}/password-reset/${token}`
    );
    await mailer.send({ to: user.email, ...mail });
  });

  bus.subscribe('EmailChangeRequested', 'mail', async ({ payload }) => {
    const user = await services.accounts.userById(payload.userId);
    if (!user || user.disabled) return;
    const locale = mailLocale(user.locale);
    const token = await services.accounts.issueEmailToken(user.id, 'change_email', payload.newEmail);
    const confirm = confirmNewEmailMail(locale, config.instanceName, `${config.publicUrl}/validate/email/${token}`);
    await mailer.send({ to: payload.newEmail, ...confirm });
    const notice = emailChangeNoticeMail(
      locale,
      config.instanceName,
      payload.newEmail,
      `${config.publicUrl}/settings/account`
    );
    await mailer.send({ to: user.email, ...notice });
  });
}
