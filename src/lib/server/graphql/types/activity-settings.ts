import type { ActivitySetting as ActivitySettingRow } from '../../db/schema/settings.ts';
import { builder } from '../builder.ts';
import { requireUser } from '../guards.ts';
import { User } from './accounts.ts';

const ActivitySetting = builder.objectRef<ActivitySettingRow>('ActivitySetting').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    method: t.exposeString('method'),
    enabled: t.exposeBoolean('enabled'),
    user: t.field({
      type: User,
      resolve: (setting, _args, ctx) => (ctx.user?.id === setting.userId ? ctx.user : null)
    })
  })
});

builder.objectField(User, 'provider', (t) =>
  t.string({
    description: "The user's login provider (null: a password kept by this instance)",
    // Every account signs in with its password here: there are no external (OAuth, LDAP) providers.
    resolve: () => null
  })
);

builder.objectField(User, 'activitySettings', (t) =>
  t.field({
    type: [ActivitySetting],
    nullable: { list: true, items: true },
    description: "The user's activity settings (only the user themselves may read them)",
    resolve: (user, _args, ctx) => (ctx.user?.id === user.id ? ctx.services.activitySettings.of(user.id) : null)
  })
);

builder.mutationField('updateActivitySetting', (t) =>
  t.field({
    type: ActivitySetting,
    description: 'Switch notifications about one kind of activity on or off for one method (email or push)',
    args: {
      key: t.arg.string({ required: true }),
      method: t.arg.string({ required: true }),
      enabled: t.arg.boolean({ required: true })
    },
    resolve: (_root, args, ctx) => ctx.services.activitySettings.update(requireUser(ctx).id, args)
  })
);
