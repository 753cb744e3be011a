/** The body went over the cap; reading stopped there. */
export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

/**
 * Reads a stream into one buffer, never holding more than `limit` bytes: past it, the stream is
 * cancelled (`onOverflow`) and BodyTooLargeError thrown.
 */
export async function readCapped(
  chunks: AsyncIterable<Uint8Array>,
  limit: number,
  onOverflow?: () => void
): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) {
      onOverflow?.();
      throw new BodyTooLargeError(limit);
    }
    parts.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
