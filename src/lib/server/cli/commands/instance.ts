import { UsageError } from '../main.ts';
import { withApp } from './shared.ts';

export async function runInstanceInfo(args: string[]): Promise<number> {
  if (args[0] !== 'info') throw new UsageError(`Unknown instance command: ${args[0] ?? '(none)'}`);
  await withApp(async (app) => {
    const usage = await app.services.instance.usage();
    const c = app.config;
    const lines = [
      `Name:           ${c.instanceName}`,
      `Public URL:     ${c.publicUrl}`,
      `Database:       ${c.databaseUrl ? 'external (DATABASE_URL)' : `embedded (${c.dataDir}/postgres)`}`,
      `Mail:           ${c.smtpUrl ? 'SMTP' : `files in ${c.dataDir}/mail`}`,
      `Registrations:  ${c.registrations}`,
      `Federation:     ${c.federation ? 'on' : 'off'}`,
      `Users:          ${usage.users}`,
      `Local events:   ${usage.localEvents}`
    ];
    process.stdout.write(lines.join('\n') + '\n');
  });
  return 0;
}
