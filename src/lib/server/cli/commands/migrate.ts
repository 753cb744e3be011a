import { withApp } from './shared.ts';

export async function runMigrate(_args: string[]): Promise<number> {
  await withApp(async () => {
    process.stdout.write('Database is up to date.\n');
  });
  return 0;
}
