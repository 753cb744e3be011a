import { DomainError } from '../../core/errors.ts';
import type { User as UserRow } from '../../db/schema/accounts.ts';
import { builder } from '../builder.ts';
import { parseId, requireModerator } from '../guards.ts';
import { User } from './accounts.ts';
import { Person } from './actors.ts';

const SortableUserField = builder.enumType('SortableUserField', {
  description: 'The list of sortable fields for an user list',
  values: { ID: { value: 'id' } } as const
});

export const SortDirection = builder.enumType('SortDirection', {
  description: 'Available sort directions',
  values: ['ASC', 'DESC'] as const
});

const Users = builder.objectRef<{ total: number; elements: UserRow[] }>('Users').implement({
  description: 'Users list',
  fields: (t) => ({
    total: t.exposeInt('total', { nullable: false }),
    elements: t.field({
      type: [User],
      nullable: { list: false, items: true },
      resolve: (list) => list.elements
    })
  })
});

const isStaff = (role: string | undefined) => role === 'moderator' || role === 'administrator';

builder.objectField(User, 'currentSignInAt', (t) =>
  t.field({
    type: 'DateTime',
    description: 'When the user last signed in (the user themselves, moderators and administrators)',
    resolve: (user, _args, ctx) => (ctx.user?.id === user.id || isStaff(ctx.user?.role) ? user.lastSignInAt : null)
  })
);

// We keep no sign-in addresses (less personal data to lose): these are always null.
builder.objectField(User, 'currentSignInIp', (t) => t.string({ resolve: () => null }));
builder.objectField(User, 'lastSignInIp', (t) => t.string({ resolve: () => null }));

builder.objectField(User, 'mediaSize', (t) =>
  t.int({
    description: 'The total size of the media uploaded by the user’s profiles, in bytes',
    resolve: (user, _args, ctx) =>
      ctx.user?.id === user.id || isStaff(ctx.user?.role) ? ctx.services.queries.users.mediaSize(user.id) : null
  })
);

builder.queryField('users', (t) =>
  t.field({
    type: Users,
    description: 'List the accounts (moderators and administrators)',
    args: {
      email: t.arg.string({ defaultValue: '' }),
      currentSignInIp: t.arg.string(),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      sort: t.arg({ type: SortableUserField, defaultValue: 'id' }),
      direction: t.arg({ type: SortDirection, defaultValue: 'DESC' })
    },
    resolve: (_root, args, ctx) => {
      requireModerator(ctx, 'You need to be a moderator or an administrator to list users');
      return ctx.services.queries.users.list(args);
    }
  })
);

builder.queryField('user', (t) =>
  t.field({
    type: User,
    description: 'Get an account by its id (moderators and administrators)',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireModerator(ctx, 'You need to be a moderator or an administrator to see a user');
      const id = parseId(args.id);
      const user = id ? await ctx.services.queries.users.byId(id) : undefined;
      if (!user) throw new DomainError('not_found', 'User not found', { field: 'id' });
      return user;
    }
  })
);

builder.objectField(Person, 'user', (t) =>
  t.field({
    type: User,
    description: 'The account of a local profile (its owner, moderators and administrators)',
    resolve: (person, _args, ctx) => {
      if (person.userId === null || person.domain !== null) return null;
      if (ctx.user?.id === person.userId) return ctx.user;
      return isStaff(ctx.user?.role) ? ctx.services.queries.users.byId(person.userId) : null;
    }
  })
);
