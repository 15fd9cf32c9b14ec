/**
 * Article pictures: uploaded in the console, decoded and re-encoded to WebP (which proves they are
 * pictures and drops EXIF, GPS, ICC and XMP), resized to at most BODY_MAX_WIDTH wide for the body
 * or cropped to COVER_WIDTH×COVER_HEIGHT for a cover, and stored under random names in
 * `<data dir>/uploads/articles/`, served at `/media/articles/<file>`. The type is decided by the
 * bytes, never by the file name or the declared type.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { reencodeImage } from '../../platform/images.ts';

export const BODY_MAX_WIDTH = 1600;
export const COVER_WIDTH = 1200;
export const COVER_HEIGHT = 675;

export const ARTICLE_IMAGE_FILE = /^[0-9a-f]{32}\.webp$/;
/** The address of an uploaded picture, as bodies and covers refer to it. */
export const ARTICLE_IMAGE_PATH = /^\/media\/articles\/[0-9a-f]{32}\.webp$/;

export const articleImageDir = (dataDir: string) => path.join(dataDir, 'uploads', 'articles');

export type ImageKind = 'body' | 'cover';

const notAnImage = () =>
  new AppError(
    'article.image_type',
    'The picture must be a JPEG, PNG or WebP image, whatever its name says.',
  );
const unreadable = () =>
  new AppError('article.image_unreadable', 'The image is damaged or incomplete and cannot be read.');

export async function renderArticleImage(
  upload: Buffer,
  kind: ImageKind,
): Promise<{ data: Buffer; width: number; height: number }> {
  return reencodeImage(upload, { wrongType: notAnImage, unreadable }, async (image) => {
    const resized =
      kind === 'cover'
        ? image.resize(COVER_WIDTH, COVER_HEIGHT, { fit: 'cover', position: 'attention' })
        : image.resize({ width: BODY_MAX_WIDTH, withoutEnlargement: true });
    const { data, info } = await resized.webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  });
}

/** Renders and stores an uploaded picture; answers its address and size. */
export async function storeArticleImage(
  ctx: AppContext,
  upload: Buffer,
  kind: ImageKind,
): Promise<{ url: string; width: number; height: number }> {
  const image = await renderArticleImage(upload, kind);
  const dir = articleImageDir(ctx.config.dataDir);
  await mkdir(dir, { recursive: true });
  const file = `${randomBytes(16).toString('hex')}.webp`;
  await writeFile(path.join(dir, file), image.data, { flag: 'wx' });
  return { url: `/media/articles/${file}`, width: image.width, height: image.height };
}
