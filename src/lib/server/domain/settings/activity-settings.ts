import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../core/validation.ts';
import type { Database } from '../../db/client.ts';
import { activitySettings, type ActivitySetting } from '../../db/schema/settings.ts';

/** The activities Mobilizon's client offers switches for (its notification settings page). */
export const ACTIVITY_KEYS = [
  'participation_event_updated',
  'participation_event_comment',
  'event_new_pending_participation',
  'event_new_participation',
  'event_new_comment',
  'event_created',
  'event_updated',
  'discussion_updated',
  'post_published',
  'post_updated',
  'resource_updated',
  'member_request',
  'member_updated',
  'user_email_password_updated',
  'event_comment_mention',
  'conversation_mention',
  'discussion_mention'
] as const;

export const ACTIVITY_METHODS = ['email', 'push'] as const;

const activitySettingInput = z.object({
  key: z.enum(ACTIVITY_KEYS, { message: `Unknown activity key (expected one of ${ACTIVITY_KEYS.join(', ')})` }),
  method: z.enum(ACTIVITY_METHODS, { message: 'Unknown notification method (expected email or push)' }),
  enabled: z.boolean()
});

/**
 * Per-activity notification switches (an activity key × a method). Only the switches a person has
 * touched are stored; the others follow the defaults of whoever sends the notification.
 */
export class ActivitySettingsService {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  of(userId: number): Promise<ActivitySetting[]> {
    return this.db
      .select()
      .from(activitySettings)
      .where(eq(activitySettings.userId, userId))
      .orderBy(asc(activitySettings.key), asc(activitySettings.method));
  }

  /** Sets one switch; an unknown key or method stores nothing. */
  async update(userId: number, raw: { key: string; method: string; enabled: boolean }): Promise<ActivitySetting> {
    const input = parseInput(activitySettingInput, raw);
    const [row] = await this.db
      .insert(activitySettings)
      .values({ userId, ...input })
      .onConflictDoUpdate({
        target: [activitySettings.userId, activitySettings.key, activitySettings.method],
        set: { enabled: input.enabled, updatedAt: new Date() }
      })
      .returning();
    if (!row) throw new Error('activity setting not saved');
    return row;
  }
}
