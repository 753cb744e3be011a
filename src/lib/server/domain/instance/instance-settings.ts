import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Config } from '../../config/index.ts';
import type { Database } from '../../db/client.ts';
import type { User } from '../../db/schema/accounts.ts';
import { instanceSettings } from '../../db/schema/platform.ts';

export type RegistrationMode = Config['registrations'];
export const REGISTRATION_MODES: readonly RegistrationMode[] = ['open', 'allowlist', 'closed'];

/** The row of `instance_settings` holding the mode an administrator chose. */
const REGISTRATIONS_KEY = 'admin.registrations';

const isMode = (value: unknown): value is RegistrationMode =>
  typeof value === 'string' && (REGISTRATION_MODES as readonly string[]).includes(value);

/** What an administrator may change (only the given fields change). */
export interface AdminSettingsPatch {
  /** Mobilizon's switch: true opens registrations; false leaves only the allowlist (if any) or closes them. */
  registrationsOpen?: boolean | null;
  /** Our finer choice (open, allowlist or closed); wins over `registrationsOpen` when both are given. */
  registrationsMode?: string | null;
}

export interface AdminSettings {
  instanceName: string;
  instanceDescription: string;
  registrationsMode: RegistrationMode;
}

/**
 * Instance settings an administrator changes at run time, kept in `instance_settings` so that every
 * process sees them. The configuration (`REGISTRATIONS`) is the default until an administrator saves
 * a mode; the allowlist itself stays in the configuration (`REGISTRATION_ALLOWLIST`).
 */
export class InstanceSettings {
  private readonly config: Config;
  private readonly db: Database;
  constructor(config: Config, db: Database) {
    this.config = config;
    this.db = db;
  }

  /** The registration mode in force: the administrator's choice, else the configuration's. */
  async registrationMode(): Promise<RegistrationMode> {
    const [row] = await this.db
      .select({ value: instanceSettings.value })
      .from(instanceSettings)
      .where(eq(instanceSettings.key, REGISTRATIONS_KEY));
    return isMode(row?.value) ? row.value : this.config.registrations;
  }

  /** Whether this email may register under the mode in force. */
  async mayRegister(email: string): Promise<{ allowed: true } | { allowed: false; mode: RegistrationMode }> {
    const mode = await this.registrationMode();
    if (mode === 'open') return { allowed: true };
    const address = email.toLowerCase();
    const domain = address.split('@')[1] ?? '';
    const listed =
      this.config.registrationAllowlist.includes(address) || this.config.registrationAllowlist.includes(domain);
    return mode === 'allowlist' && listed ? { allowed: true } : { allowed: false, mode };
  }

  async adminSettings(): Promise<AdminSettings> {
    return {
      instanceName: this.config.instanceName,
      instanceDescription: this.config.instanceDescription,
      registrationsMode: await this.registrationMode()
    };
  }

  /** Administrators only; an invalid value saves nothing. */
  async save(caller: User, patch: AdminSettingsPatch): Promise<AdminSettings> {
    if (caller.role !== 'administrator') {
      throw new DomainError('forbidden', 'You need to be an administrator to change the instance settings');
    }
    let mode: RegistrationMode | undefined;
    if (patch.registrationsMode != null) {
      if (!isMode(patch.registrationsMode)) {
        throw new DomainError('validation', 'The registration mode must be open, allowlist or closed', {
          field: 'registrationsMode'
        });
      }
      mode = patch.registrationsMode;
    } else if (patch.registrationsOpen === true) {
      mode = 'open';
    } else if (patch.registrationsOpen === false) {
      // Mobilizon's client sends every setting on each save: a closed or allowlist mode stays as it is.
      const current = await this.registrationMode();
      mode = current !== 'open' ? current : this.config.registrationAllowlist.length > 0 ? 'allowlist' : 'closed';
    }
    if (mode) {
      await this.db
        .insert(instanceSettings)
        .values({ key: REGISTRATIONS_KEY, value: mode })
        .onConflictDoUpdate({ target: instanceSettings.key, set: { value: mode, updatedAt: new Date() } });
    }
    return this.adminSettings();
  }
}
