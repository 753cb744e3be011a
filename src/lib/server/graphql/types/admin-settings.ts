import { DomainError } from '../../core/errors.ts';
import type { AdminSettings as AdminSettingsShape } from '../../domain/instance/index.ts';
import { builder } from '../builder.ts';
import { requireAdministrator } from '../guards.ts';
import { Media, MediaInput, type MediaShape } from './media.ts';

export const InstanceTermsType = builder.enumType('InstanceTermsType', {
  description: "The acceptable values for the instance's terms type",
  values: ['URL', 'DEFAULT', 'CUSTOM'] as const
});

export const InstancePrivacyType = builder.enumType('InstancePrivacyType', {
  description: 'The acceptable values for the instance privacy policy type',
  values: ['URL', 'DEFAULT', 'CUSTOM'] as const
});

/** Settings this version does not keep yet: they read as unset (null), never as invented values. */
const unset = () => null;

const AdminSettings = builder.objectRef<AdminSettingsShape>('AdminSettings').implement({
  description: 'Admin settings',
  fields: (t) => ({
    instanceName: t.exposeString('instanceName', { description: "The instance's name (INSTANCE_NAME)" }),
    instanceDescription: t.exposeString('instanceDescription', {
      description: "The instance's description (INSTANCE_DESCRIPTION)"
    }),
    registrationsOpen: t.boolean({
      description: 'Whether anyone may register (false: only the allowlist, if any, or nobody)',
      resolve: (s) => s.registrationsMode === 'open'
    }),
    registrationsMode: t.string({
      description: 'Convene: how people may register — open, allowlist (REGISTRATION_ALLOWLIST) or closed',
      resolve: (s) => s.registrationsMode
    }),
    instanceLongDescription: t.string({ resolve: unset }),
    instanceSlogan: t.string({ resolve: unset }),
    contact: t.string({ resolve: unset }),
    instanceTerms: t.string({ resolve: unset }),
    instanceTermsType: t.field({ type: InstanceTermsType, resolve: unset }),
    instanceTermsUrl: t.string({ resolve: unset }),
    instanceLogo: t.field({ type: Media, resolve: (): MediaShape | null => null }),
    instanceFavicon: t.field({ type: Media, resolve: (): MediaShape | null => null }),
    defaultPicture: t.field({ type: Media, resolve: (): MediaShape | null => null }),
    primaryColor: t.string({ resolve: unset }),
    secondaryColor: t.string({ resolve: unset }),
    instancePrivacyPolicy: t.string({ resolve: unset }),
    instancePrivacyPolicyType: t.field({ type: InstancePrivacyType, resolve: unset }),
    instancePrivacyPolicyUrl: t.string({ resolve: unset }),
    instanceRules: t.string({ resolve: unset }),
    instanceLanguages: t.stringList({ nullable: { list: true, items: true }, resolve: unset })
  })
});

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * Mobilizon's client sends every setting on each save. What this version cannot keep is accepted only
 * when it says nothing new (empty, or what the configuration already says); a real change is refused
 * with a clear error rather than dropped.
 */
function refuseUnsupported(args: Record<string, unknown>, current: AdminSettingsShape): void {
  const fixed: Record<string, string> = {
    instanceName: current.instanceName,
    instanceDescription: current.instanceDescription
  };
  for (const [field, value] of Object.entries(args)) {
    if (field === 'registrationsOpen' || field === 'registrationsMode' || isEmpty(value)) continue;
    if (field in fixed) {
      if (value === fixed[field]) continue;
      throw new DomainError(
        'validation',
        `${field} is set by the configuration (${field === 'instanceName' ? 'INSTANCE_NAME' : 'INSTANCE_DESCRIPTION'})`,
        { field }
      );
    }
    // The default terms and privacy policy are what "no setting" means.
    if ((field === 'instanceTermsType' || field === 'instancePrivacyPolicyType') && value === 'DEFAULT') continue;
    throw new DomainError('validation', `${field} is not supported by this server yet`, { field });
  }
}

builder.queryField('adminSettings', (t) =>
  t.field({
    type: AdminSettings,
    description: 'The settings an administrator may change',
    resolve: (_root, _args, ctx) => {
      requireAdministrator(ctx, 'You need to be an administrator to see the instance settings');
      return ctx.services.instanceSettings.adminSettings();
    }
  })
);

builder.mutationField('saveAdminSettings', (t) =>
  t.field({
    type: AdminSettings,
    description: 'Change the instance settings (administrators); only the arguments given change',
    args: {
      instanceName: t.arg.string(),
      instanceDescription: t.arg.string(),
      instanceLongDescription: t.arg.string(),
      instanceSlogan: t.arg.string(),
      contact: t.arg.string(),
      instanceLogo: t.arg({ type: MediaInput }),
      instanceFavicon: t.arg({ type: MediaInput }),
      defaultPicture: t.arg({ type: MediaInput }),
      primaryColor: t.arg.string(),
      secondaryColor: t.arg.string(),
      instanceTerms: t.arg.string(),
      instanceTermsType: t.arg({ type: InstanceTermsType }),
      instanceTermsUrl: t.arg.string(),
      instancePrivacyPolicy: t.arg.string(),
      instancePrivacyPolicyType: t.arg({ type: InstancePrivacyType }),
      instancePrivacyPolicyUrl: t.arg.string(),
      instanceRules: t.arg.string(),
      registrationsOpen: t.arg.boolean({ description: 'Whether the registrations are opened' }),
      instanceLanguages: t.arg.stringList({ required: { list: false, items: false } }),
      registrationsMode: t.arg.string({
        description: 'Convene: open, allowlist or closed (wins over registrationsOpen)'
      })
    },
    resolve: async (_root, args, ctx) => {
      const user = requireAdministrator(ctx, 'You need to be an administrator to change the instance settings');
      refuseUnsupported(args, await ctx.services.instanceSettings.adminSettings());
      return ctx.services.instanceSettings.save(user, args);
    }
  })
);
