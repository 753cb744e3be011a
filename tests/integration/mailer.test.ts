import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#lib/server/core/logger.ts';
import { createMailer } from '#lib/server/emails/mailer.ts';
import { capturedMails } from '../helpers/mail.ts';

describe('mailer without SMTP', () => {
  let dir: string;
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes each message as an .eml file under DATA_DIR/mail', async () => {
    dir = await mkdtemp(join(tmpdir(), 'convene-mail-'));
    const mailer = createMailer({
      from: 'Convene <noreply@example.org>',
      mailDir: join(dir, 'mail'),
      logger: silentLogger
    });
    await mailer.send({
      to: 'rose@example.org',
      subject: 'Your event starts soon',
      text: 'See you at 14:00.',
      html: '<p>See you at 14:00.</p>'
    });
    await mailer.send({ to: 'leo@example.org', subject: 'Welcome', text: 'Hello' });
    const mails = await capturedMails(dir);
    expect(mails.map((m) => [m.to, m.subject])).toEqual(
      expect.arrayContaining([
        ['rose@example.org', 'Your event starts soon'],
        ['leo@example.org', 'Welcome']
      ])
    );
    expect(mails.find((m) => m.to === 'rose@example.org')?.raw).toContain('From: Convene <noreply@example.org>');
  });
});
