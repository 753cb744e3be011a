import { ConfigError } from '../config/index.ts';
import { isDomainError } from '../core/errors.ts';

export const HELP = `Convene: events and groups, federated.

Usage:
  convene serve [--role web|worker|all]   start the server (default role: all)
  convene migrate                          apply database migrations and exit
  convene users new <email> --password <password> [--admin] [--profile <username>]
                                           create a confirmed user, optionally with a first profile
  convene users show <email>               print an account: role, state, profiles
  convene users modify <email> [--role user|moderator|administrator] [--disable|--enable] [--confirm]
                                           change an account's role or state (disabling ends its sessions)
  convene users delete <email> --yes       delete an account; its profiles become tombstones
  convene instance info                    print the instance's configuration and statistics
  convene --help                           show this help

Configuration comes from environment variables (see docs/configuration.md):
  PORT (4000), HOST (127.0.0.1), PUBLIC_URL (http://localhost:$PORT), DATA_DIR (./data),
  DATABASE_URL (unset: embedded PostgreSQL in $DATA_DIR/postgres), SMTP_URL (unset: .eml files in
  $DATA_DIR/mail), INSTANCE_NAME, REGISTRATIONS (open|allowlist|closed), FEDERATION (on|off), LOG_LEVEL.
`;

/** Runs one command; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Commands load on demand, so that `--help` answers at once.
      case 'serve':
        return await (await import('./commands/serve.ts')).runServe(rest);
      case 'migrate':
        return await (await import('./commands/migrate.ts')).runMigrate(rest);
      case 'users':
        return await (await import('./commands/users.ts')).runUsers(rest);
      case 'instance':
        return await (await import('./commands/instance.ts')).runInstanceInfo(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`Unknown command: ${command}\n\n${HELP}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (isDomainError(error)) {
      process.stderr.write(`Error: ${error.message}${error.field ? ` (${error.field})` : ''}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${HELP}`);
      return 1;
    }
    throw error;
  }
}

export class UsageError extends Error {}
