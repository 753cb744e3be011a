import { z } from 'zod';

/** Every setting Convene reads, with its default. Names match the environment variables. */
export const configShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000).describe('a port number from 1 to 65535'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('a postgres:// URL'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .describe('an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).optional(),
  INSTANCE_NAME: z.string().min(1).max(100).default('Convene'),
  INSTANCE_DESCRIPTION: z.string().max(2000).default('A federated place for events and groups'),
  REGISTRATIONS: z.enum(['open', 'allowlist', 'closed']).default('closed'),
  REGISTRATION_ALLOWLIST: z
    .string()
    .regex(/^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/)
    .optional()
    .describe('a comma-separated list of email addresses and domains'),
  FEDERATION: z.enum(['on', 'off']).default('on'),
  ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).default('false'),
  INBOX_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(300)
    .describe('a number of requests from 1 to 1000000'),
  JWT_SECRET: z.string().min(32).optional(),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024)
    .describe('a number of bytes from 1024 to 104857600'),
  GEOCODER: z
    .enum(['offline', 'nominatim', 'photon', 'addok'])
    .default('offline')
    .describe('offline, nominatim, photon or addok'),
  GEOCODER_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("an http(s) URL (the provider's base address)"),
  GEOCODER_USER_AGENT: z.string().min(3).max(300).optional(),
  GEOCODER_EMAIL: z.email().optional().describe('an email address'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warning', 'error']).default('info'),
  MAP_TILES_URL: z
    .string()
    .regex(/^https?:\/\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/)
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .describe('an http(s) URL template with {z}, {x} and {y}'),
  MAP_TILES_ATTRIBUTION: z.string().min(1).max(300).default('© OpenStreetMap contributors'),
  LONG_EVENT_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(30)
    .describe('a number of days (0: no event counts as long)'),
  ANONYMOUS_PARTICIPATION: z.enum(['on', 'off']).default('on'),
  DELIVERY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .describe('a number of simultaneous deliveries from 1 to 256'),
  DELIVERY_RETRY_BASE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(30)
    .describe('a number of seconds from 1 to 3600'),
  DELIVERY_GIVE_UP_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(720)
    .default(72)
    .describe('a number of hours from 1 to 720'),
  DELIVERY_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(60)
    .describe('a number of seconds from 5 to 3600'),
  DELIVERY_CIRCUIT_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe('a number of failures from 1 to 1000'),
  DELIVERY_CIRCUIT_OPEN_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86400)
    .default(300)
    .describe('a number of seconds from 1 to 86400'),
  RESOURCE_PROVIDERS: z
    .string()
    .optional()
    .describe(
      'a JSON list of services, e.g. [{"type":"pad","endpoint":"https://pad.example/p/","software":"etherpad"}] (type pad, calc or visio, once each; endpoint an http(s) URL)'
    ),
  PARTICIPANT_COUNT_UPDATE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(30)
    .describe('a number of seconds from 1 to 3600')
};

export const configSchema = z.object(configShape).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && env.ALLOW_PRIVATE_ADDRESSES === 'true') {
    ctx.addIssue({
      code: 'custom',
      path: ['ALLOW_PRIVATE_ADDRESSES'],
      message: 'must be false when NODE_ENV is production (it lets the server fetch private addresses)'
    });
  }
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig['NODE_ENV'];
  port: number;
  host: string;
  /** Origin of the instance, without a trailing slash: https://events.example */
  publicUrl: string;
  /** Host name (with port when not default) used in handles: user@domain */
  domain: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  instanceName: string;
  instanceDescription: string;
  registrations: RawConfig['REGISTRATIONS'];
  /** With `allowlist` registrations: lowercased emails and domains that may register. */
  registrationAllowlist: string[];
  federation: boolean;
  allowPrivateAddresses: boolean;
  /** Inbox deliveries accepted per remote host (the signing key's) and minute; more get 429. */
  inboxRateLimitPerMinute: number;
  /** Secret for access and refresh tokens; generated and kept in DATA_DIR when unset. */
  jwtSecret: string | undefined;
  /** Largest picture upload accepted, in bytes. */
  mediaMaxBytes: number;
  /** Where addresses are looked up: the bundled cities, or a Nominatim, Photon or Addok server. */
  geocoder: {
    provider: RawConfig['GEOCODER'];
    /** Base URL; the provider's public server when unset. */
    url: string | undefined;
    /** Sent with every request; Nominatim's usage policy asks for one that identifies the instance. */
    userAgent: string;
    /** Sent to Nominatim as `email`, as its usage policy suggests. */
    email: string | undefined;
  };
  logLevel: RawConfig['LOG_LEVEL'];
  /** Map tiles shown with event places: a URL template and its attribution. */
  mapTilesUrl: string;
  mapTilesAttribution: string;
  /** Events lasting more than this many days are "long events" (Mobilizon's activities); 0: none. */
  longEventDays: number;
  /** Whether events may let people without an account take part (after confirming their email). */
  anonymousParticipation: boolean;
  /**
   * The document services group members create pads, spreadsheets and video calls on (Mobilizon's
   * resource providers): a new document's address is the endpoint followed by a random id.
   */
  resourceProviders: { type: 'pad' | 'calc' | 'visio'; endpoint: string; software: string }[];
  /** Outbound federation: how deliveries are retried, leased and held back from failing hosts. */
  delivery: DeliveryConfig;
}

export interface DeliveryConfig {
  /** Deliveries in flight at once per worker process. */
  concurrency: number;
  /** First retry delay; doubled at each attempt (with jitter), at most 6 hours apart. */
  retryBaseSeconds: number;
  /** A delivery still failing this long after it was queued is given up. */
  giveUpHours: number;
  /** How long a worker holds a delivery; a dead worker's deliveries return after this. */
  leaseSeconds: number;
  /** Consecutive failures of a host that open its circuit (its deliveries wait). */
  circuitFailures: number;
  /** How long an open circuit waits before one delivery probes the host again (doubling up to 6 h). */
  circuitOpenSeconds: number;
  /**
   * Joins and departures of a local event within this window leave as one Update of the event
   * (its new participant count), not one per participant.
   */
  participantCountSeconds: number;
}
