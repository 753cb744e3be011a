import { builder } from '../builder.ts';
import { ConfigType } from './config.ts';

interface MapsShape {
  tiles: { endpoint: string; attribution: string };
  routing: { type: 'OPENSTREETMAP' };
}

const RoutingType = builder.enumType('RoutingType', { values: ['OPENSTREETMAP', 'GOOGLE_MAPS'] as const });

const Tiles = builder.objectRef<MapsShape['tiles']>('Tiles').implement({
  description: 'Instance map tiles configuration',
  fields: (t) => ({
    endpoint: t.exposeString('endpoint', { description: "The instance's tiles endpoint" }),
    attribution: t.exposeString('attribution', { description: "The instance's tiles attribution text" })
  })
});

const Routing = builder.objectRef<MapsShape['routing']>('Routing').implement({
  description: 'Instance map routing configuration',
  fields: (t) => ({ type: t.field({ type: RoutingType, resolve: (r) => r.type }) })
});

const Maps = builder.objectRef<MapsShape>('Maps').implement({
  description: 'Instance maps configuration',
  fields: (t) => ({
    tiles: t.field({ type: Tiles, resolve: (m) => m.tiles }),
    routing: t.field({ type: Routing, resolve: (m) => m.routing })
  })
});

builder.objectField(ConfigType, 'maps', (t) =>
  t.field({
    type: Maps,
    description: "The instance's maps settings",
    resolve: (_config, _args, ctx) => ({
      tiles: { endpoint: ctx.services.config.mapTilesUrl, attribution: ctx.services.config.mapTilesAttribution },
      routing: { type: 'OPENSTREETMAP' as const }
    })
  })
);
