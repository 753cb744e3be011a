import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { User } from '../../db/schema/accounts.ts';
import { userSettings, type UserSettings } from '../../db/schema/settings.ts';
import type { ServiceDeps } from '../deps.ts';
import { updateUserLocale } from './locale.ts';
import { settingsInput, type SettingsInput } from './settings.inputs.ts';

type SettingsPatch = Partial<Omit<typeof userSettings.$inferInsert, 'userId' | 'createdAt'>>;

/** An empty string clears a text column like null; undefined leaves it alone. */
const textValue = (value: string | null | undefined) => (value === undefined ? undefined : value || null);

/** The columns to change. Drizzle leaves out undefined ones: absent arguments and null preferences keep their value. */
function patchOf(input: z.output<typeof settingsInput>): SettingsPatch {
  const { location } = input;
  return {
    timezone: input.timezone,
    notificationOnDay: input.notificationOnDay ?? undefined,
    notificationEachWeek: input.notificationEachWeek ?? undefined,
    notificationBeforeEvent: input.notificationBeforeEvent ?? undefined,
    notificationPendingParticipation: input.notificationPendingParticipation ?? undefined,
    notificationPendingMembership: input.notificationPendingMembership ?? undefined,
    groupNotifications: input.groupNotifications ?? undefined,
    locationName: location === null ? null : textValue(location?.name),
    locationRange: location === null ? null : location?.range,
    locationGeohash: location === null ? null : textValue(location?.geohash),
    updatedAt: new Date()
  };
}

/** A user's preferences: time zone, notification rhythm and the place they want events around. */
export class SettingsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** The user's settings, created with the defaults on the first read. */
  async of(userId: number): Promise<UserSettings> {
    const [created] = await this.deps.db.insert(userSettings).values({ userId }).onConflictDoNothing().returning();
    if (created) return created;
    const [row] = await this.deps.db.select().from(userSettings).where(eq(userSettings.userId, userId));
    if (!row) throw new DomainError('not_found', 'User not found');
    return row;
  }

  /** Several users' settings at once (for a DataLoader), created with the defaults where missing. */
  async ofUsers(userIds: readonly number[]): Promise<Map<number, UserSettings>> {
    if (userIds.length === 0) return new Map();
    const ids = [...new Set(userIds)];
    await this.deps.db
      .insert(userSettings)
      .values(ids.map((userId) => ({ userId })))
      .onConflictDoNothing();
    const rows = await this.deps.db.select().from(userSettings).where(inArray(userSettings.userId, ids));
    return new Map(rows.map((row) => [row.userId, row]));
  }

  /** Changes only the settings given; an invalid value changes nothing. */
  async update(userId: number, raw: SettingsInput): Promise<UserSettings> {
    const patch = patchOf(parseInput(settingsInput, raw));
    const [row] = await this.deps.db
      .insert(userSettings)
      .values({ userId, ...patch })
      .onConflictDoUpdate({ target: userSettings.userId, set: patch })
      .returning();
    if (!row) throw new DomainError('not_found', 'User not found');
    return row;
  }

  /** The language of the interface and of the emails sent to this user. */
  updateLocale(userId: number, locale: string | null | undefined): Promise<User> {
    return updateUserLocale(this.deps, userId, locale);
  }
}
