/**
 * PUT /me/avatar. Multipart bodies are accepted in this plugin's scope only: everywhere else the
 * app keeps answering 415 to anything but JSON.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { replaceAvatar } from './avatar.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(1).replace(/\.0$/, '');

/** The bytes of the "file" part, at most `maxBytes` of them. */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
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
      throw new AppError('request.body_too_large', `The avatar may be at most ${megabytes(maxBytes)} MB.`);
    }
    if (statusCode && statusCode < 500) throw err; // the plugin's own limits: 413, mapped as usual
    // What is left comes from parsing the client's bytes (no boundary, a body cut short): its fault.
    throw new AppError('request.bad_request', 'The multipart body is malformed or incomplete.');
  }
}

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
      const upload = await readUpload(req, maxBytes);
      return { avatarUrl: await replaceAvatar(ctx, req.member!.userId, upload) };
    },
  );
}
