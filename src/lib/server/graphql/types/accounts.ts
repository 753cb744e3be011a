import type { User as UserRow } from '../../db/schema/accounts.ts';
import type { Session } from '../../domain/accounts/accounts.service.ts';
import { builder } from '../builder.ts';
import { requireUser } from '../guards.ts';
import { Person } from './actors.ts';

const UserRole = builder.enumType('UserRole', { values: ['ADMINISTRATOR', 'MODERATOR', 'USER'] as const });

export const User = builder.objectRef<UserRow>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email', { nullable: false }),
    role: t.field({ type: UserRole, resolve: (u) => u.role.toUpperCase() as 'USER' }),
    locale: t.exposeString('locale'),
    disabled: t.exposeBoolean('disabled'),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime' }),
    confirmationSentAt: t.expose('confirmationSentAt', { type: 'DateTime' }),
    resetPasswordSentAt: t.expose('resetPasswordSentAt', { type: 'DateTime' }),
    lastSignInAt: t.expose('lastSignInAt', { type: 'DateTime' }),
    actors: t.field({
      type: [Person],
      nullable: { list: false, items: true },
      resolve: (user, _args, ctx) =>
        ctx.user?.id === user.id ? ctx.identities() : ctx.loaders.profilesOfUser.load(user.id)
    }),
    defaultActor: t.field({
      type: Person,
      resolve: async (user, _args, ctx) => (user.defaultActorId ? ctx.loaders.actor.load(user.defaultActorId) : null)
    })
  })
});

const Login = builder.objectRef<Session>('Login').implement({
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', { nullable: false }),
    refreshToken: t.exposeString('refreshToken', { nullable: false }),
    user: t.field({ type: User, nullable: false, resolve: (s) => s.user })
  })
});

const RefreshedToken = builder.objectRef<Session>('RefreshedToken').implement({
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', { nullable: false }),
    refreshToken: t.exposeString('refreshToken', { nullable: false })
  })
});

builder.queryField('loggedUser', (t) =>
  t.field({
    type: User,
    description: 'The signed-in user',
    resolve: (_root, _args, ctx) => requireUser(ctx)
  })
);

builder.mutationField('login', (t) =>
  t.field({
    type: Login,
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.login(args.email, args.password)
  })
);

builder.mutationField('refreshToken', (t) =>
  t.field({
    type: RefreshedToken,
    args: { refreshToken: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.refresh(args.refreshToken)
  })
);

builder.mutationField('logout', (t) =>
  t.string({
    args: { refreshToken: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      await ctx.services.accounts.logout(args.refreshToken);
      return args.refreshToken;
    }
  })
);

builder.mutationField('createUser', (t) =>
  t.field({
    type: User,
    description: 'Register an account; a confirmation email follows',
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      locale: t.arg.string()
    },
    resolve: (_root, args, ctx) => ctx.services.accounts.register(args)
  })
);

builder.mutationField('validateUser', (t) =>
  t.field({
    type: Login,
    description: 'Confirm an account with the token from its email, and sign in',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.validateRegistration(args.token)
  })
);

builder.mutationField('resendConfirmationEmail', (t) =>
  t.string({
    description: 'Send the confirmation email again (the same answer for unknown addresses)',
    args: { email: t.arg.string({ required: true }), locale: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      await ctx.services.accounts.resendConfirmation(args.email);
      return args.email;
    }
  })
);

builder.mutationField('sendResetPassword', (t) =>
  t.string({
    description: 'Email a password reset link (the same answer for unknown addresses)',
    args: { email: t.arg.string({ required: true }), locale: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      await ctx.services.accounts.requestPasswordReset(args.email);
      return args.email;
    }
  })
);

builder.mutationField('resetPassword', (t) =>
  t.field({
    type: Login,
    description: 'Choose a new password with the token from the reset email, and sign in',
    args: {
      token: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      locale: t.arg.string({ defaultValue: 'en' })
    },
    resolve: (_root, args, ctx) => ctx.services.accounts.resetPassword(args.token, args.password)
  })
);
