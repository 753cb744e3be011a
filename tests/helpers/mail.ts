import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from './wait.ts';

export interface CapturedMail {
  file: string;
  to: string;
  subject: string;
  raw: string;
}

/** Messages an app wrote to `$DATA_DIR/mail` (no SMTP_URL), oldest first. */
export async function capturedMails(dataDir: string): Promise<CapturedMail[]> {
  const dir = join(dataDir, 'mail');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(join(dir, file), 'utf8');
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
      return { file, to: header('To'), subject: header('Subject'), raw };
    })
  );
}

/** Waits until `count` mails to `to` were written, and returns the last of them. */
export async function mailTo(dataDir: string, to: string, count = 1): Promise<CapturedMail> {
  const mails = await waitFor(
    async () => {
      const found = (await capturedMails(dataDir)).filter((m) => m.to === to);
      return found.length >= count ? found : undefined;
    },
    { what: `mail ${count} to ${to}` }
  );
  return mails[count - 1]!;
}

/** The token of the first link to `path` in a mail (quoted-printable soft breaks undone). */
export function linkToken(mail: CapturedMail, path: string): string {
  const unfolded = mail.raw.replace(/=\r?\n/g, '');
  const token = new RegExp(`${path}/([A-Za-z0-9_-]{20,})`).exec(unfolded)?.[1];
  if (!token) throw new Error(`no ${path} link in mail`);
  return token;
}
