/** A bounded least-recently-used map whose entries expire: repeated queries answered in-process. */
export class ExpiringLru<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(capacity: number, ttlMs: number, now: () => number = Date.now) {
    this.capacity = capacity;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    // Map keeps insertion order: re-inserting marks it the most recently used.
    this.entries.set(key, entry);
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/**
 * Spaces out requests from this process: at most one per `intervalMs` (Nominatim's public
 * server asks for one per second). A caller that would wait longer than `maxWaitMs` is refused
 * at once rather than queued, so a burst of typing degrades to the fallback instead of piling up.
 */
export class IntervalGate {
  private next = 0;
  private readonly intervalMs: number;
  private readonly maxWaitMs: number;

  constructor(intervalMs: number, maxWaitMs = 3000) {
    this.intervalMs = intervalMs;
    this.maxWaitMs = maxWaitMs;
  }

  /** Resolves true when the caller may go, false when the queue is too long. */
  async take(): Promise<boolean> {
    if (this.intervalMs <= 0) return true;
    const now = Date.now();
    const at = Math.max(now, this.next);
    if (at - now > this.maxWaitMs) return false;
    this.next = at + this.intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    return true;
  }
}
