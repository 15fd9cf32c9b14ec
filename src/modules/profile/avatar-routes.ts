/**
 * PUT /me/avatar. Multipart bodies are accepted in this plugin's scope only: everywhere else the
 * app keeps answering 415 to anything but JSON.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { megabytes, readPictureUpload } from '../../platform/images.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { replaceAvatar } from './avatar.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

export async function avatarRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  const maxBytes = ctx.config.CCM_AVATAR_MAX_BYTES;
  await app.register(multipart, {
    // One file and nothing much else: the limits bound what a request can make us read.
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
  });

  app.withTypeProvider<ZodTypeProvider>().put(
    '/me/avatar',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'putAvatar',
        tags: ['accounts'],
        summary: `Upload a new avatar (multipart, field "file": JPEG, PNG or WebP, at most ${megabytes(maxBytes)} MB)`,
        description:
          'The picture is re-encoded to a 512×512 WebP without any metadata (EXIF, GPS, ICC, XMP).',
        consumes: ['multipart/form-data'],
        security,
        response: { 200: z.object({ avatarUrl: z.string() }), ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (req) => {
      if (!req.isMultipart()) {
        throw new AppError(
          'request.unsupported_media_type',
          'Send the avatar as multipart/form-data with the picture in a field named "file".',
        );
      }
      const upload = await readPictureUpload(req, maxBytes, 'The avatar');
      return { avatarUrl: await replaceAvatar(ctx, req.member!.userId, upload) };
    },
  );
}
