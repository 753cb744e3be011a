import { t as translate } from '../../../i18n/messages.ts';
import { EVENT_CATEGORIES } from '../../domain/events/events.inputs.ts';
import { builder } from '../builder.ts';
import { InstancePrivacyType, InstanceTermsType } from './admin-settings.ts';
import { ConfigType } from './config.ts';
import { Media, type MediaShape } from './media.ts';

/**
 * What Mobilizon's client asks of the instance's configuration, answered from ours: real values
 * where we have them, null or empty where this instance has nothing of the kind.
 */

const EventCategoryOption = builder.objectRef<{ id: string; label: string }>('EventCategoryOption').implement({
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The ID of the event category' }),
    label: t.exposeString('label', { description: 'The translated name of the event category' })
  })
});

const Lonlat = builder.objectRef<{ longitude: number; latitude: number }>('Lonlat').implement({
  fields: (t) => ({ longitude: t.exposeFloat('longitude'), latitude: t.exposeFloat('latitude') })
});

const Geocoding = builder.objectRef<{ autocomplete: boolean; provider: string }>('Geocoding').implement({
  fields: (t) => ({ autocomplete: t.exposeBoolean('autocomplete'), provider: t.exposeString('provider') })
});

interface ResourceProviderShape {
  type: string;
  endpoint: string;
  software: string;
}
const ResourceProvider = builder.objectRef<ResourceProviderShape>('ResourceProvider').implement({
  fields: (t) => ({
    type: t.exposeString('type'),
    endpoint: t.exposeString('endpoint'),
    software: t.exposeString('software')
  })
});

const Features = builder
  .objectRef<{ groups: boolean; eventCreation: boolean; eventExternal: boolean; antispam: boolean }>('Features')
  .implement({
    fields: (t) => ({
      groups: t.exposeBoolean('groups', { description: 'Whether groups are activated on this instance' }),
      eventCreation: t.exposeBoolean('eventCreation', {
        description: 'Whether event creation is allowed on this instance'
      }),
      eventExternal: t.exposeBoolean('eventExternal', {
        description: 'Whether redirecting to external providers is authorized in event edition'
      }),
      antispam: t.exposeBoolean('antispam', { description: 'Whether anti-spam is activated on this instance' })
    })
  });

const Restrictions = builder
  .objectRef<{ onlyAdminCanCreateGroups: boolean; onlyGroupsCanCreateEvents: boolean }>('Restrictions')
  .implement({
    fields: (t) => ({
      onlyAdminCanCreateGroups: t.exposeBoolean('onlyAdminCanCreateGroups'),
      onlyGroupsCanCreateEvents: t.exposeBoolean('onlyGroupsCanCreateEvents')
    })
  });

const UploadLimits = builder.objectRef<{ default: number; avatar: number; banner: number }>('UploadLimits').implement({
  fields: (t) => ({
    default: t.exposeInt('default', { description: 'The default limitation, in bytes' }),
    avatar: t.exposeInt('avatar', { description: 'The avatar limitation, in bytes' }),
    banner: t.exposeInt('banner', { description: 'The banner limitation, in bytes' })
  })
});

const InstanceFeeds = builder.objectRef<{ enabled: boolean }>('InstanceFeeds').implement({
  fields: (t) => ({ enabled: t.exposeBoolean('enabled') })
});

const WebPush = builder.objectRef<{ enabled: boolean; publicKey: string | null }>('WebPush').implement({
  fields: (t) => ({ enabled: t.exposeBoolean('enabled'), publicKey: t.exposeString('publicKey') })
});

const ExportFormats = builder.objectRef<{ eventParticipants: string[] }>('ExportFormats').implement({
  fields: (t) => ({
    eventParticipants: t.stringList({
      nullable: { list: true, items: true },
      resolve: (f) => f.eventParticipants
    })
  })
});

const AnalyticsConfigurationType = builder.enumType('AnalyticsConfigurationType', {
  values: ['STRING', 'INTEGER', 'BOOLEAN', 'FLOAT'] as const
});
interface AnalyticsConfigurationShape {
  key: string;
  value: string;
  type: 'STRING' | 'INTEGER' | 'BOOLEAN' | 'FLOAT';
}
const AnalyticsConfiguration = builder.objectRef<AnalyticsConfigurationShape>('AnalyticsConfiguration').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.exposeString('value'),
    type: t.field({ type: AnalyticsConfigurationType, resolve: (c) => c.type })
  })
});
interface AnalyticsShape {
  id: string;
  enabled: boolean;
  configuration: AnalyticsConfigurationShape[];
}
const Analytics = builder.objectRef<AnalyticsShape>('Analytics').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    enabled: t.exposeBoolean('enabled'),
    configuration: t.field({
      type: [AnalyticsConfiguration],
      nullable: { list: true, items: true },
      resolve: (a) => a.configuration
    })
  })
});

const GlobalSearchSettings = builder
  .objectRef<{ isEnabled: boolean; isDefault: boolean }>('GlobalSearchSettings')
  .implement({
    fields: (t) => ({ isEnabled: t.exposeBoolean('isEnabled'), isDefault: t.exposeBoolean('isDefault') })
  });
const SearchSettings = builder
  .objectRef<{ global: { isEnabled: boolean; isDefault: boolean } }>('SearchSettings')
  .implement({
    fields: (t) => ({ global: t.field({ type: GlobalSearchSettings, resolve: (s) => s.global }) })
  });

interface PolicyShape {
  type: 'URL' | 'DEFAULT' | 'CUSTOM';
  url: string | null;
  bodyHtml: string | null;
}
const Terms = builder.objectRef<PolicyShape>('Terms').implement({
  fields: (t) => ({
    url: t.exposeString('url'),
    type: t.field({ type: InstanceTermsType, resolve: (p) => p.type }),
    bodyHtml: t.exposeString('bodyHtml')
  })
});
const Privacy = builder.objectRef<PolicyShape>('Privacy').implement({
  fields: (t) => ({
    url: t.exposeString('url'),
    type: t.field({ type: InstancePrivacyType, resolve: (p) => p.type }),
    bodyHtml: t.exposeString('bodyHtml')
  })
});

/** This instance writes no terms or privacy policy of its own yet: the defaults, without a text. */
const NO_POLICY: PolicyShape = { type: 'DEFAULT', url: null, bodyHtml: null };

builder.objectFields(ConfigType, (t) => ({
  slogan: t.string({ description: "The instance's slogan", resolve: () => null }),
  longDescription: t.string({ description: "The instance's long description", resolve: () => null }),
  contact: t.string({ description: "The instance's contact details", resolve: () => null }),
  rules: t.string({ description: "The instance's rules", resolve: () => null }),
  languages: t.stringList({
    nullable: { list: true, items: true },
    description: "The instance's admins languages",
    resolve: () => []
  }),
  countryCode: t.string({
    description: 'The country code from the IP (this instance does not locate IPs)',
    resolve: () => null
  }),
  location: t.field({ type: Lonlat, description: "The IP's location (never looked up)", resolve: () => null }),
  demoMode: t.boolean({ description: 'Whether the demo mode is enabled', resolve: () => false }),
  longEvents: t.boolean({
    description: 'Whether the long events mode is enabled',
    resolve: (_c, _a, ctx) => ctx.services.config.longEventDays > 0
  }),
  durationOfLongEvent: t.int({
    description: 'Events longer than this duration (in days) are considered long events',
    resolve: (_c, _a, ctx) => ctx.services.config.longEventDays
  }),
  eventCategories: t.field({
    type: [EventCategoryOption],
    nullable: { list: true, items: true },
    description: 'The instance list of event categories possibilities',
    resolve: () => EVENT_CATEGORIES.map((id) => ({ id, label: translate('en', `eventFields.category.${id}`) }))
  }),
  geocoding: t.field({
    type: Geocoding,
    description: "The instance's geocoding settings",
    resolve: (_c, _a, ctx) => ({ autocomplete: true, provider: ctx.services.config.geocoder.provider })
  }),
  resourceProviders: t.field({
    type: [ResourceProvider],
    nullable: { list: true, items: true },
    description: "The instance's document services for group resources (RESOURCE_PROVIDERS)",
    resolve: (_c, _a, ctx) => ctx.services.config.resourceProviders
  }),
  uploadLimits: t.field({
    type: UploadLimits,
    description: 'The configuration for upload limits',
    resolve: (_c, _a, ctx) => {
      const max = ctx.services.config.mediaMaxBytes;
      return { default: max, avatar: max, banner: max };
    }
  }),
  features: t.field({
    type: Features,
    description: "The instance's features",
    resolve: () => ({ groups: false, eventCreation: true, eventExternal: true, antispam: false })
  }),
  restrictions: t.field({
    type: Restrictions,
    description: "The instance's restrictions",
    resolve: () => ({ onlyAdminCanCreateGroups: false, onlyGroupsCanCreateEvents: false })
  }),
  terms: t.field({
    type: Terms,
    description: "The instance's terms",
    args: { locale: t.arg.string({ defaultValue: 'en' }) },
    resolve: () => NO_POLICY
  }),
  privacy: t.field({
    type: Privacy,
    description: "The instance's privacy policy",
    args: { locale: t.arg.string({ defaultValue: 'en' }) },
    resolve: () => NO_POLICY
  }),
  instanceLogo: t.field({ type: Media, description: "The instance's logo", resolve: (): MediaShape | null => null }),
  defaultPicture: t.field({ type: Media, description: 'The default picture', resolve: (): MediaShape | null => null }),
  primaryColor: t.string({ description: "The instance's primary color", resolve: () => null }),
  secondaryColor: t.string({ description: "The instance's secondary color", resolve: () => null }),
  instanceFeeds: t.field({
    type: InstanceFeeds,
    description: "The instance's feed settings (no instance-wide feed yet)",
    resolve: () => ({ enabled: false })
  }),
  webPush: t.field({
    type: WebPush,
    description: 'Web Push settings for the instance (not offered)',
    resolve: () => ({ enabled: false, publicKey: null })
  }),
  exportFormats: t.field({
    type: ExportFormats,
    description: 'The instance list of export formats',
    resolve: () => ({ eventParticipants: ['csv', 'pdf', 'ods'] })
  }),
  analytics: t.field({
    type: [Analytics],
    nullable: { list: true, items: true },
    description: 'Analytics services: none, this instance has no trackers',
    resolve: () => []
  }),
  search: t.field({
    type: SearchSettings,
    description: "The instance's search settings (no global search index)",
    resolve: () => ({ global: { isEnabled: false, isDefault: false } })
  })
}));
