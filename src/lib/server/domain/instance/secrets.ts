import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { instanceSettings } from '../../db/schema/platform.ts';

/** A secret generated on first use and kept in the database, so every process shares it. */
export async function loadOrCreateSecret(db: Database, key: string): Promise<string> {
  await db
    .insert(instanceSettings)
    .values({ key, value: randomBytes(48).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, key));
  if (!row || typeof row.value !== 'string') throw new Error(`secret ${key} unavailable`);
  return row.value;
}
