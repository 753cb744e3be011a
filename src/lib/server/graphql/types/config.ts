import { timeZoneList } from '../../../time/zoned-time.ts';
import { builder } from '../builder.ts';

export interface InstanceConfig {
  name: string;
  description: string;
  registrationsOpen: boolean;
  registrationsAllowlist: boolean;
  federating: boolean;
  version: string;
}

const OauthProvider = builder.objectRef<{ id: string; label: string }>('OauthProvider').implement({
  description: 'An oAuth Provider',
  fields: (t) => ({ id: t.exposeString('id'), label: t.exposeString('label') })
});

/** How people sign in here: with the password this instance keeps; no LDAP, no OAuth providers. */
const AUTH = { ldap: false, databaseLogin: true, oauthProviders: [] as { id: string; label: string }[] };

const Auth = builder.objectRef<typeof AUTH>('Auth').implement({
  description: "The instance's auth configuration",
  fields: (t) => ({
    ldap: t.exposeBoolean('ldap'),
    databaseLogin: t.exposeBoolean('databaseLogin'),
    oauthProviders: t.field({
      type: [OauthProvider],
      nullable: { list: true, items: true },
      resolve: (auth) => auth.oauthProviders
    })
  })
});

export const ConfigType = builder.objectRef<InstanceConfig>('Config').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    registrationsOpen: t.exposeBoolean('registrationsOpen'),
    registrationsAllowlist: t.exposeBoolean('registrationsAllowlist'),
    auth: t.field({ type: Auth, description: 'The instance auth methods', resolve: () => AUTH }),
    timezones: t.field({
      type: ['Timezone'],
      nullable: { list: true, items: true },
      description: "The instance's available timezones (IANA names)",
      resolve: () => timeZoneList()
    }),
    federating: t.exposeBoolean('federating'),
    version: t.exposeString('version')
  })
});

builder.queryField('config', (t) =>
  t.field({
    type: ConfigType,
    description: "The instance's configuration",
    resolve: (_root, _args, ctx) => ctx.services.instance.publicConfig()
  })
);
