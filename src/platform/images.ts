/**
 * Uploaded pictures (avatars, article pictures): the multipart part, then the picture. The type is decided by the bytes, never by the
 * file name or the declared type; the picture is then decoded and re-encoded, which both proves it
 * is an image and drops everything else the file carried: EXIF (camera, time, GPS position), ICC,
 * XMP and IPTC. sharp writes no metadata unless `.withMetadata()`/`.keepMetadata()` is called.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import sharp, { type Sharp } from 'sharp';
import { AppError } from './errors.ts';

/**
 * Decoding cost grows with pixels, not bytes: a 5 MB PNG of one colour can hold a billion pixels.
 * 50 megapixels is more than a phone's default photo (12–50 MP) and bounds the memory per upload.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

type ImageType = 'jpeg' | 'png' | 'webp';

/** The type the file's first bytes announce, if it is one we take. */
export function sniffImageType(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/**
 * Checks that an upload is a whole JPEG, PNG or WebP picture of at most MAX_INPUT_PIXELS, then
 * hands it to `render` (resize and encode) with the EXIF orientation applied. The caller names
 * its own errors: a file that is not such a picture, and one that cannot be decoded.
 */
export async function reencodeImage<T>(
  upload: Buffer,
  errors: { wrongType: () => AppError; unreadable: () => AppError },
  render: (image: Sharp) => Promise<T>,
): Promise<T> {
  const type = sniffImageType(upload);
  if (!type) throw errors.wrongType();
  // failOn 'warning': a truncated or damaged file is refused rather than half-decoded.
  const input = () => sharp(upload, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS });
  let format: string | undefined;
  let pixels = 0;
  try {
    const meta = await input().metadata();
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    throw errors.unreadable();
  }
  // The header and the decoder must agree, or the file is something dressed up as an image.
  if (format !== type) throw errors.wrongType();
  if (pixels > MAX_INPUT_PIXELS) {
    throw new AppError('request.body_too_large', 'The image has more than 50 million pixels.');
  }
  try {
    // The EXIF orientation is applied before it is dropped with the rest of the metadata.
    return await render(input().rotate());
  } catch {
    throw errors.unreadable();
  }
}

/** A byte count as people read it: 10485760 → "10", 1572864 → "1.5" (megabytes). */
export const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(1).replace(/\.0$/, '');

/**
 * The bytes of the multipart "file" part, at most `maxBytes` of them (the multipart plugin's
 * limit). `what` names the picture in the too-large message ("The avatar", "A picture").
 */
export async function readPictureUpload(
  req: FastifyRequest,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') {
      throw new AppError('validation.failed', 'No picture was sent.', {
        errors: [{ path: 'body.file', message: 'expected the picture in a field named "file"' }],
      });
    }
    return await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const { code, statusCode } = err as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('request.body_too_large', `${what} may be at most ${megabytes(maxBytes)} MB.`);
    }
    if (statusCode && statusCode < 500) throw err; // the plugin's own limits: 413, mapped as usual
    // What is left comes from parsing the client's bytes (no boundary, a body cut short): its fault.
    throw new AppError('request.bad_request', 'The multipart body is malformed or incomplete.');
  }
}

/**
 * Sends a stored WebP picture. Only names of the shape the server itself gives are looked up, so
 * no path from a request reaches the file system beyond `dir`, and there is no listing. A stored
 * picture never changes (a new one gets a new name), so it is cached for good.
 */
export async function sendStoredPicture(
  reply: FastifyReply,
  dir: string,
  file: string,
  shape: RegExp,
  missing: () => AppError,
): Promise<FastifyReply> {
  if (!shape.test(file)) throw missing();
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
    throw err;
  }
  return reply
    .header('cache-control', 'public, max-age=31536000, immutable')
    .header('x-content-type-options', 'nosniff')
    .type('image/webp')
    .send(bytes);
}
