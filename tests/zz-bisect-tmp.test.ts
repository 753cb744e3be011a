import { PgBossMessageQueue } from '#lib/server/federation/message-queue.ts'; console.log(typeof PgBossMessageQueue);
import { it } from 'vitest';
it('x', () => {});
