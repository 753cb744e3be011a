import type { NotificationDelay, UserSettings as SettingsRow } from '../../db/schema/settings.ts';
import { builder } from '../builder.ts';
import { requireUser } from '../guards.ts';
import { User } from './accounts.ts';

const NotificationPendingEnum = builder.enumType('NotificationPendingEnum', {
  description: 'The list of values the for pending notification settings',
  values: {
    NONE: { value: 'none' },
    DIRECT: { value: 'direct' },
    ONE_HOUR: { value: 'one_hour' },
    ONE_DAY: { value: 'one_day' },
    ONE_WEEK: { value: 'one_week' }
  } as const
});

const Location = builder.objectRef<SettingsRow>('Location').implement({
  fields: (t) => ({
    range: t.int({ resolve: (s) => s.locationRange }),
    geohash: t.string({ resolve: (s) => s.locationGeohash }),
    name: t.string({ resolve: (s) => s.locationName })
  })
});

const UserSettings = builder.objectRef<SettingsRow>('UserSettings').implement({
  description: 'A set of user settings',
  fields: (t) => ({
    timezone: t.field({ type: 'Timezone', resolve: (s) => s.timezone }),
    notificationOnDay: t.exposeBoolean('notificationOnDay'),
    notificationEachWeek: t.exposeBoolean('notificationEachWeek'),
    notificationBeforeEvent: t.exposeBoolean('notificationBeforeEvent'),
    notificationPendingParticipation: t.field({
      type: NotificationPendingEnum,
      resolve: (s): NotificationDelay => s.notificationPendingParticipation
    }),
    notificationPendingMembership: t.field({
      type: NotificationPendingEnum,
      resolve: (s): NotificationDelay => s.notificationPendingMembership
    }),
    groupNotifications: t.field({
      type: NotificationPendingEnum,
      resolve: (s): NotificationDelay => s.groupNotifications
    }),
    location: t.field({
      type: Location,
      resolve: (s) => ((s.locationName ?? s.locationRange ?? s.locationGeohash) == null ? null : s)
    })
  })
});

const LocationInput = builder.inputType('LocationInput', {
  description: 'The set of parameters needed to input a location',
  fields: (t) => ({ range: t.int(), geohash: t.string(), name: t.string() })
});

builder.objectField(User, 'settings', (t) =>
  t.field({
    type: UserSettings,
    description: 'The list of settings for this user (the user themselves, moderators and administrators)',
    resolve: (user, _args, ctx) =>
      ctx.user?.id === user.id
        ? ctx.services.settings.of(user.id)
        : ctx.user?.role === 'moderator' || ctx.user?.role === 'administrator'
          ? ctx.loaders.settingsOfUser.load(user.id)
          : null
  })
);

builder.mutationField('setUserSettings', (t) =>
  t.field({
    type: UserSettings,
    description: 'Set user settings; only the arguments given change',
    args: {
      timezone: t.arg({ type: 'Timezone' }),
      notificationOnDay: t.arg.boolean(),
      notificationEachWeek: t.arg.boolean(),
      notificationBeforeEvent: t.arg.boolean(),
      notificationPendingParticipation: t.arg({ type: NotificationPendingEnum }),
      notificationPendingMembership: t.arg({ type: NotificationPendingEnum }),
      groupNotifications: t.arg({ type: NotificationPendingEnum }),
      location: t.arg({ type: LocationInput })
    },
    resolve: (_root, args, ctx) => ctx.services.settings.update(requireUser(ctx).id, args)
  })
);

builder.mutationField('updateLocale', (t) =>
  t.field({
    type: User,
    description: 'Update the user’s locale (en, fr or ar)',
    args: { locale: t.arg.string() },
    resolve: (_root, args, ctx) => ctx.services.settings.updateLocale(requireUser(ctx).id, args.locale)
  })
);
