import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { User } from './accounts.ts';

export const DeletedObject = builder.objectRef<{ id: number }>('DeletedObject').implement({
  fields: (t) => ({ id: t.exposeID('id') })
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: User,
    description: 'Change the signed-in user’s password; every session must sign in again',
    args: { oldPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.services.accounts.changePassword(requireUser(ctx), args.oldPassword, args.newPassword)
  })
);

builder.mutationField('changeEmail', (t) =>
  t.field({
    type: User,
    description: 'Ask to change the account’s email; the new address must confirm',
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.requestEmailChange(requireUser(ctx), args.email, args.password)
  })
);

builder.mutationField('validateEmail', (t) =>
  t.field({
    type: User,
    description: 'Apply an email change with the token sent to the new address',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.validateEmailChange(args.token)
  })
);

builder.mutationField('deleteAccount', (t) =>
  t.field({
    type: DeletedObject,
    description: 'Delete the signed-in user’s account (administrators: any account, by userId)',
    args: { password: t.arg.string(), userId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const userId = args.userId == null ? null : (parseId(args.userId) ?? -1);
      return { id: await ctx.services.accounts.deleteAccount(user, { password: args.password, userId }) };
    }
  })
);
