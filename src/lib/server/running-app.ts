/**
 * The one link between the HTTP layer SvelteKit builds and the backend `convene serve` started:
 * the backend registers itself here, the pages' hooks find it. Kept tiny and dependency-free because
 * the SvelteKit bundle and the CLI each load their own copy of this module.
 */
export interface RunningApp {
  /**
   * Answers backend routes (federation, /api, well-known); undefined lets the pages answer.
   * `clientAddress` is the caller's IP (rate limits count per address).
   */
  handle(request: Request, clientAddress?: string): Promise<Response | undefined>;
}

const key = Symbol.for('convene.running-app');

export function registerRunningApp(app: RunningApp | undefined): void {
  (globalThis as Record<symbol, unknown>)[key] = app;
}

export function findRunningApp(): RunningApp | undefined {
  return (globalThis as Record<symbol, unknown>)[key] as RunningApp | undefined;
}
