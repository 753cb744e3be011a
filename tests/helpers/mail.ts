import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

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
