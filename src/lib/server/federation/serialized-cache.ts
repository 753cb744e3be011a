/**
 * Serialized documents by URL, each with the version it was made from. JSON-LD serialization
 * costs milliseconds of CPU; a version check costs one indexed query.
 */
export class SerializedCache {
  private readonly entries = new Map<string, { version: string; body: string }>();
  private readonly max: number;
  constructor(max = 5000) {
    this.max = max;
  }

  async get(key: string, version: string, build: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.body;
    const body = await build();
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { version, body });
    return body;
  }
}
