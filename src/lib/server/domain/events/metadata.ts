import { z } from 'zod';
import type { EventMetadataEntry } from '../../db/schema/events.ts';

type Kind = 'url' | 'boolean' | 'choice' | 'handle' | 'text';

/** Mobilizon's preset metadata keys and the kind of value each holds. */
export const METADATA_PRESETS: Readonly<Record<string, { kind: Kind; choices?: readonly string[] }>> = {
  'mz:accessibility:wheelchairAccessible': { kind: 'choice', choices: ['no', 'partially', 'fully'] },
  'mz:accessibility:live:subtitle': { kind: 'boolean' },
  'mz:accessibility:live:sign_language': { kind: 'boolean' },
  'mz:accessibility:smokeFree': { kind: 'boolean' },
  'mz:replay:youtube:url': { kind: 'url' },
  'mz:replay:peertube:url': { kind: 'url' },
  'mz:live:peertube:url': { kind: 'url' },
  'mz:live:twitch:url': { kind: 'url' },
  'mz:live:youtube:url': { kind: 'url' },
  'mz:live:owncast:url': { kind: 'url' },
  'mz:poll:framadate:url': { kind: 'url' },
  'mz:notes:etherpad:url': { kind: 'url' },
  'mz:social:twitter:account': { kind: 'handle' },
  'mz:social:fediverse:account_url': { kind: 'url' },
  'mz:ticket:external_url': { kind: 'url' },
  'mz:ticket:price_url': { kind: 'url' },
  'mz:schedule_url': { kind: 'url' },
  'mz:visio:jitsi_meet': { kind: 'url' },
  'mz:visio:zoom': { kind: 'url' },
  'mz:visio:microsoft_teams': { kind: 'url' },
  'mz:visio:google_meet': { kind: 'url' },
  'mz:visio:big_blue_button': { kind: 'url' }
};

/** Families of keys Mobilizon's client groups presets in; a new key of one of them is accepted too. */
const KNOWN_FAMILIES = /^mz:(accessibility|live|replay|social|visio|ticket|poll|notes):[a-z0-9_:]+$/i;

export const MAX_METADATA = 20;
const MAX_VALUE_LENGTH = 1000;
const MAX_TITLE_LENGTH = 200;

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** The kind of a key: its preset's, else guessed from its name (URLs end in `url`). */
function kindOf(key: string): Kind {
  const preset = METADATA_PRESETS[key];
  if (preset) return preset.kind;
  return /url$/i.test(key) ? 'url' : 'text';
}

const entry = z
  .object({
    key: z.string().trim().min(1).max(100),
    title: z.string().trim().max(MAX_TITLE_LENGTH).nullish(),
    value: z
      .string()
      .trim()
      .max(MAX_VALUE_LENGTH, { message: `A metadata value has at most ${MAX_VALUE_LENGTH} characters` }),
    type: z.enum(['STRING', 'INTEGER', 'BOOLEAN']).nullish()
  })
  .superRefine((m, ctx) => {
    const fail = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (!METADATA_PRESETS[m.key] && !KNOWN_FAMILIES.test(m.key)) {
      fail(`Unknown metadata key: ${m.key}`, 'key');
      return;
    }
    const preset = METADATA_PRESETS[m.key];
    const kind = kindOf(m.key);
    if (kind === 'url' && !isHttpUrl(m.value)) fail(`${m.key} must be an http(s) URL`, 'value');
    if (kind === 'boolean' && m.value !== 'true' && m.value !== 'false')
      fail(`${m.key} must be true or false`, 'value');
    if (kind === 'choice' && !preset?.choices?.includes(m.value)) {
      fail(`${m.key} must be one of ${preset?.choices?.join(', ')}`, 'value');
    }
    if (kind === 'handle' && !/^@?[\w.]{1,64}(@[\w.-]+)?$/.test(m.value))
      fail(`${m.key} must be an account name`, 'value');
    if (m.type === 'INTEGER' && !/^-?\d+$/.test(m.value)) fail(`${m.key} must be a whole number`, 'value');
  })
  .transform((m): EventMetadataEntry => ({
    key: m.key,
    title: m.title || null,
    value: m.value,
    type: kindOf(m.key) === 'boolean' ? 'BOOLEAN' : (m.type ?? 'STRING')
  }));

/** An event's metadata list: known keys only, at most 20, one entry per key (the last one wins). */
export const metadataInput = z
  .array(entry)
  .max(MAX_METADATA, { message: `An event has at most ${MAX_METADATA} metadata entries` })
  .transform((list) => [...new Map(list.map((m) => [m.key, m])).values()]);
