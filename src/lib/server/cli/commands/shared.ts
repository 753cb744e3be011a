import { createApp, type App } from '../../app.ts';
import { loadConfig } from '../../config/index.ts';
import { createLogger } from '../../core/logger.ts';

/** An app for a one-off command: quiet logs, no workers. */
export async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await createApp(config, { logger: createLogger(config.logLevel === 'debug' ? 'debug' : 'warning') });
  try {
    await app.start('web');
    return await fn(app);
  } finally {
    await app.stop();
  }
}
