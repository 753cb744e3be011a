import { parseArgs } from 'node:util';
import { DomainError } from '../../core/errors.ts';
import { UsageError } from '../main.ts';
import { withApp } from './shared.ts';

export async function runUsers(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'new') throw new UsageError(`Unknown users command: ${sub ?? '(none)'}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
      moderator: { type: 'boolean', default: false },
      profile: { type: 'string' }
    }
  });
  const email = positionals[0];
  if (!email || !values.password) throw new UsageError('convene users new needs <email> and --password <password>');
  const password = values.password;
  const role = values.admin ? 'administrator' : values.moderator ? 'moderator' : 'user';
  await withApp(async (app) => {
    // Check the profile first, so that a refused username leaves no user behind.
    const profile = values.profile
      ? app.services.actors.checkNewPerson({ preferredUsername: values.profile })
      : undefined;
    if (profile && (await app.services.queries.actors.localByUsername(profile.preferredUsername))) {
      throw new DomainError('conflict', 'This username is already taken', { field: 'preferredUsername' });
    }
    const user = await app.services.accounts.createUser({ email, password, role, confirmed: true });
    process.stdout.write(`User ${user.email} created (id ${user.id}, role ${user.role}).\n`);
    if (values.profile) {
      const actor = await app.services.actors.createPerson(user.id, {
        preferredUsername: values.profile,
        name: values.profile
      });
      process.stdout.write(`Profile @${actor.preferredUsername} created.\n`);
    }
  });
  return 0;
}
