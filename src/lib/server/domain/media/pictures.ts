import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encode as encodeBlurhash } from 'blurhash';
import sharp from 'sharp';
import type { Config } from '../../config/index.ts';
import { DomainError } from '../../core/errors.ts';
import { PICTURE_EXTENSIONS, sniffPictureType, type PictureType } from './sniff.ts';

/** Pictures are never stored larger than this on their long side (smaller ones are not enlarged). */
export const MAX_PICTURE_SIDE = 2400;
/** Refuses decompression bombs before decoding: 100 megapixels is far beyond any photo we keep. */
const MAX_INPUT_PIXELS = 100_000_000;

/** A stored file's name: a random UUID and the extension of its real type. Nothing else is valid. */
export const STORED_FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp|gif)$/;

export const uploadsDir = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'uploads');

/** What an upload became once checked, re-encoded and written, before its row exists. */
export interface PreparedPicture {
  fileName: string;
  url: string;
  name: string | null;
  alt: string | null;
  contentType: PictureType;
  size: number;
  width: number;
  height: number;
  blurhash: string | null;
}

/** An uploaded file: a web `File` (or `Blob`), from Node's fetch or another implementation. */
export interface UploadedFile {
  readonly size: number;
  readonly name?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The picture as the client sent it: a multipart file with its name and alternative text. */
export interface PictureUpload {
  name?: string | null;
  alt?: string | null;
  file: UploadedFile;
}

const unreadable = (field: string) =>
  new DomainError('validation', 'The file is not a picture this server accepts (JPEG, PNG, WebP or GIF)', { field });

/** Re-encodes in the same format: auto-rotated by its EXIF orientation, bounded, without any metadata. */
async function reencode(bytes: Uint8Array, type: PictureType) {
  const animated = type === 'image/gif';
  let pipeline = sharp(bytes, { animated, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  if (!animated) pipeline = pipeline.autoOrient();
  pipeline = pipeline.resize({
    width: MAX_PICTURE_SIDE,
    height: MAX_PICTURE_SIDE,
    fit: 'inside',
    withoutEnlargement: true
  });
  // sharp writes no metadata unless asked (no EXIF, GPS, XMP, IPTC) and converts colours to sRGB.
  if (type === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
  else if (type === 'image/png') pipeline = pipeline.png({ compressionLevel: 9 });
  else if (type === 'image/webp') pipeline = pipeline.webp({ quality: 85 });
  else pipeline = pipeline.gif();
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.pageHeight ?? info.height };
}

/** A small blurred placeholder of the picture (https://blurha.sh), or null if it cannot be made. */
async function blurhashOf(data: Uint8Array): Promise<string | null> {
  try {
    const { data: pixels, info } = await sharp(data)
      .resize(32, 32, { fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const clamped = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
    return encodeBlurhash(clamped, info.width, info.height, 4, 3);
  } catch {
    return null;
  }
}

const cleanText = (value: string | null | undefined, max: number): string | null => {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const text = (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return text ? text.slice(0, max) : null;
};

/**
 * Checks an upload (size, real type), re-encodes it and writes it under `$DATA_DIR/uploads`. Throws a
 * validation error naming `field` and leaves nothing behind when the file is refused.
 */
export async function preparePicture(
  config: Pick<Config, 'dataDir' | 'publicUrl' | 'mediaMaxBytes'>,
  upload: PictureUpload,
  field = 'file'
): Promise<PreparedPicture> {
  const max = config.mediaMaxBytes;
  const tooLarge = () =>
    new DomainError('validation', `The file is too large (at most ${Math.floor(max / 1024)} KiB)`, {
      field,
      reason: 'too_large'
    });
  if (typeof upload.file.size === 'number' && upload.file.size > max) throw tooLarge();
  const bytes = new Uint8Array(await upload.file.arrayBuffer());
  if (bytes.length > max) throw tooLarge();
  if (bytes.length === 0) throw new DomainError('validation', 'The file is empty', { field });
  const type = sniffPictureType(bytes);
  if (!type) throw unreadable(field);

  let encoded: Awaited<ReturnType<typeof reencode>>;
  try {
    encoded = await reencode(bytes, type);
  } catch {
    throw unreadable(field);
  }
  const blurhash = await blurhashOf(encoded.data);
  const fileName = `${randomUUID()}.${PICTURE_EXTENSIONS[type]}`;
  const dir = uploadsDir(config);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, fileName), encoded.data, { flag: 'wx', mode: 0o644 });
  const fallbackName = typeof upload.file.name === 'string' ? upload.file.name : null;
  return {
    fileName,
    url: `${config.publicUrl}/media/${fileName}`,
    name: cleanText(upload.name, 255) ?? cleanText(fallbackName, 255),
    alt: cleanText(upload.alt, 1000),
    contentType: type,
    size: encoded.data.length,
    width: encoded.width,
    height: encoded.height,
    blurhash
  };
}

/** Removes stored files by name; names that are not ours, or already gone, are ignored. */
export async function deletePictureFiles(config: Pick<Config, 'dataDir'>, fileNames: readonly string[]): Promise<void> {
  const dir = uploadsDir(config);
  await Promise.all(
    fileNames
      .filter((name) => STORED_FILE_NAME.test(name))
      .map((name) => unlink(join(dir, name)).catch(() => undefined))
  );
}
