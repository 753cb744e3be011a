import { parseArgs } from 'node:util';
import { DomainError } from '../../core/errors.ts';
import type { AccountChanges, Role } from '../../domain/accounts/account-admin.service.ts';
import { UsageError } from '../main.ts';
import { withApp } from './shared.ts';

const ROLES: Role[] = ['user', 'moderator', 'administrator'];

async function usersNew(rest: string[]): Promise<number> {
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

async function usersShow(rest: string[]): Promise<number> {
  const email = rest[0];
  if (!email) throw new UsageError('convene users show needs <email>');
  await withApp(async (app) => {
    const { user, profiles } = await app.services.accountAdmin.findByEmail(email);
    const lines = [
      `Email:          ${user.email}`,
      `Id:             ${user.id}`,
      `Role:           ${user.role}`,
      `Confirmed:      ${user.confirmedAt ? user.confirmedAt.toISOString() : 'no'}`,
      `Disabled:       ${user.disabled ? 'yes' : 'no'}`,
      `Last sign-in:   ${user.lastSignInAt ? user.lastSignInAt.toISOString() : 'never'}`,
      `Profiles:       ${profiles.map((p) => `@${p.preferredUsername}`).join(', ') || 'none'}`
    ];
    process.stdout.write(lines.join('\n') + '\n');
  });
  return 0;
}

async function usersModify(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
      confirm: { type: 'boolean' }
    }
  });
  const email = positionals[0];
  if (!email) throw new UsageError('convene users modify needs <email>');
  if (values.role !== undefined && !ROLES.includes(values.role as Role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  }
  if (values.disable && values.enable) throw new UsageError('--disable and --enable exclude each other');
  const changes: AccountChanges = {
    role: values.role as Role | undefined,
    disabled: values.disable ? true : values.enable ? false : undefined,
    confirmed: values.confirm ? true : undefined
  };
  if (Object.values(changes).every((v) => v === undefined)) {
    throw new UsageError('convene users modify needs --role, --disable, --enable or --confirm');
  }
  await withApp(async (app) => {
    const user = await app.services.accountAdmin.modify(email, changes);
    process.stdout.write(
      `User ${user.email}: role ${user.role}, ${user.disabled ? 'disabled' : 'enabled'}, ${user.confirmedAt ? 'confirmed' : 'not confirmed'}.\n`
    );
  });
  return 0;
}

async function usersDelete(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { yes: { type: 'boolean' } }
  });
  const email = positionals[0];
  if (!email) throw new UsageError('convene users delete needs <email>');
  if (!values.yes)
    throw new UsageError('convene users delete deletes the account and its profiles for good: add --yes');
  await withApp(async (app) => {
    await app.services.accountAdmin.delete(email);
    process.stdout.write(`User ${email} deleted; its profiles are now tombstones.\n`);
  });
  return 0;
}

export async function runUsers(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'new':
      return usersNew(rest);
    case 'show':
      return usersShow(rest);
    case 'modify':
      return usersModify(rest);
    case 'delete':
      return usersDelete(rest);
    default:
      throw new UsageError(`Unknown users command: ${sub ?? '(none)'}`);
  }
}
