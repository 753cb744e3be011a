import { resolve } from 'node:path';
import { parseResourceProviders } from './resource-providers.ts';
import { configSchema, configShape, type Config } from './schema.ts';

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

function describeIssue(issue: { path: PropertyKey[]; message: string; code: string }): ConfigError {
  const variable = String(issue.path[0] ?? 'configuration');
  const hint = (configShape as Record<string, { description?: string }>)[variable]?.description;
  const message = hint && issue.code !== 'custom' ? `must be ${hint} (${issue.message})` : issue.message;
  return new ConfigError(variable, message);
}

/** Reads and validates configuration from an environment; throws ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw first ? describeIssue(first) : new ConfigError('configuration', 'is invalid');
  }
  const raw = parsed.data;
  const resourceProviders = parseResourceProviders(raw.RESOURCE_PROVIDERS);
  if ('error' in resourceProviders) {
    const hint = configShape.RESOURCE_PROVIDERS.description ?? '';
    throw new ConfigError('RESOURCE_PROVIDERS', `must be ${hint}: ${resourceProviders.error}`);
  }
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
  const url = new URL(publicUrl);
  return {
    env: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    publicUrl: url.origin,
    domain: url.host,
    dataDir: resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? `${raw.INSTANCE_NAME} <noreply@${url.hostname}>`,
    instanceName: raw.INSTANCE_NAME,
    instanceDescription: raw.INSTANCE_DESCRIPTION,
    registrations: raw.REGISTRATIONS,
    registrationAllowlist: (raw.REGISTRATION_ALLOWLIST ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
    federation: raw.FEDERATION === 'on',
    allowPrivateAddresses: raw.ALLOW_PRIVATE_ADDRESSES === 'true',
    inboxRateLimitPerMinute: raw.INBOX_RATE_LIMIT_PER_MINUTE,
    jwtSecret: raw.JWT_SECRET,
    mediaMaxBytes: raw.MEDIA_MAX_BYTES,
    geocoder: {
      provider: raw.GEOCODER,
      url: raw.GEOCODER_URL?.replace(/\/+$/, ''),
      userAgent: raw.GEOCODER_USER_AGENT ?? `Convene (${url.origin})`,
      email: raw.GEOCODER_EMAIL
    },
    logLevel: raw.LOG_LEVEL,
    mapTilesUrl: raw.MAP_TILES_URL,
    mapTilesAttribution: raw.MAP_TILES_ATTRIBUTION,
    longEventDays: raw.LONG_EVENT_DAYS,
    anonymousParticipation: raw.ANONYMOUS_PARTICIPATION === 'on',
    resourceProviders,
    delivery: {
      concurrency: raw.DELIVERY_CONCURRENCY,
      retryBaseSeconds: raw.DELIVERY_RETRY_BASE_SECONDS,
      giveUpHours: raw.DELIVERY_GIVE_UP_HOURS,
      leaseSeconds: raw.DELIVERY_LEASE_SECONDS,
      circuitFailures: raw.DELIVERY_CIRCUIT_FAILURES,
      circuitOpenSeconds: raw.DELIVERY_CIRCUIT_OPEN_SECONDS,
      participantCountSeconds: raw.PARTICIPANT_COUNT_UPDATE_SECONDS
    }
  };
}
