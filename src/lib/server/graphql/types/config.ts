import { builder } from '../builder.ts';

export interface InstanceConfig {
  name: string;
  description: string;
  registrationsOpen: boolean;
  registrationsAllowlist: boolean;
  federating: boolean;
  version: string;
}

const ConfigType = builder.objectRef<InstanceConfig>('Config').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    registrationsOpen: t.exposeBoolean('registrationsOpen'),
    registrationsAllowlist: t.exposeBoolean('registrationsAllowlist'),
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
