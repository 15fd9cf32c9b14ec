/**
 * GET /media/avatars/<file>: serves stored avatars. Only names of the shape the server itself
 * gives (32 hex digits and .webp) are looked up, so no path from a request ever reaches the file
 * system beyond that one directory, and there is no listing.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { sendStoredPicture } from '../../platform/images.ts';
import { AVATAR_FILE, avatarDir } from './avatar.ts';

const noAvatar = () => new AppError('route.not_found', 'There is no avatar at this address.');

export async function mediaRoutes(app: FastifyInstance): Promise<void> {
  const dir = avatarDir(app.ctx.config.dataDir);

  app.get<{ Params: { file: string } }>(
    '/avatars/:file',
    {
      schema: {
        operationId: 'getAvatar',
        tags: ['media'],
        summary: 'An avatar picture (WebP); its address changes whenever the member changes it',
      },
    },
    async (req, reply) => sendStoredPicture(reply, dir, req.params.file, AVATAR_FILE, noAvatar),
  );
}
