/**
 * GET /media/avatars/<file>: serves stored avatars. Only names of the shape the server itself
 * gives (32 hex digits and .webp) are looked up, so no path from a request ever reaches the file
 * system beyond that one directory, and there is no listing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
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
    async (req, reply) => {
      const { file } = req.params;
      if (!AVATAR_FILE.test(file)) throw noAvatar();
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(dir, file));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw noAvatar();
        throw err;
      }
      // A new avatar gets a new name, so a served file never changes: cache it for good.
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type('image/webp')
        .send(bytes);
    },
  );
}
