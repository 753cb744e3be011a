/** The picture formats accepted for upload, by their real content type. */
export type PictureType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

export const PICTURE_EXTENSIONS: Record<PictureType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif'
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The picture type the bytes really are, from their signature; never from the file name or the
 * type the client claims. Anything else (SVG, HTML, PDF, text…) is `null`.
 */
export function sniffPictureType(bytes: Uint8Array): PictureType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  return null;
}

/** Content type of a stored file, from the extension we gave it. */
export function storedContentType(fileName: string): PictureType | null {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1);
  const found = Object.entries(PICTURE_EXTENSIONS).find(([, e]) => e === ext);
  return found ? (found[0] as PictureType) : null;
}
