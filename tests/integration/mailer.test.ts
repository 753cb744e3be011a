import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#lib/server/core/logger.ts';
import { createMailer } from '#lib/server/emails/mailer.ts';
import { SMTPServer } from 'smtp-server';
import { capturedMails } from '../helpers/mail.ts';
import { freePort } from '../helpers/ports.ts';

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

describe('mailer with SMTP_URL', () => {
  it('delivers over SMTP, to a server on loopback', async () => {
    const received: { to: string[]; body: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      }
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'Convene <noreply@example.org>',
        mailDir: '/nonexistent',
        logger: silentLogger
      });
      await mailer.send({ to: 'rose@example.org', subject: 'Over the wire', text: 'Hello over SMTP' });
      mailer.close();
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(['rose@example.org']);
      expect(received[0]!.body).toContain('Subject: Over the wire');
      expect(received[0]!.body).toContain('Hello over SMTP');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
