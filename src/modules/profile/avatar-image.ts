/**
 * Turning an uploaded picture into a stored avatar: checked and re-encoded by
 * `platform/images.ts`, which drops EXIF, GPS, ICC and XMP, then cropped to a square.
 */
import { AppError } from '../../platform/errors.ts';
import { reencodeImage } from '../../platform/images.ts';

export const AVATAR_SIZE = 512;

const notAnAvatar = () =>
  new AppError(
    'profile.avatar_type',
    'The avatar must be a JPEG, PNG or WebP image. This file is not one, whatever its name says.',
  );

const unreadable = () =>
  new AppError('profile.avatar_unreadable', 'The image is damaged or incomplete and cannot be read.');

/** A 512×512 WebP, cropped to the centre after the EXIF orientation is applied, with no metadata. */
export async function renderAvatar(upload: Buffer): Promise<Buffer> {
  return reencodeImage(upload, { wrongType: notAnAvatar, unreadable }, (image) =>
    image
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'centre' })
      .webp({ quality: 82 })
      .toBuffer(),
  );
}
