/** Console: the banned-words list for nicknames and bios, kept by editors (and admins). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { addBannedWord, listBannedWords, removeBannedWord } from './banned-words.ts';
import { BannedWordBody, BannedWordOut } from './schemas.ts';
import { BANNED_WORD_KINDS } from './tables.ts';

const security = [{ staffSession: [] }];

export async function bannedWordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const editors = requireStaff(app, 'editor');

  r.get(
    '/banned-words',
    {
      preHandler: editors,
      schema: {
        operationId: 'consoleListBannedWords',
        tags: ['console'],
        summary: 'Words refused in nicknames and bios, newest first',
        security,
        querystring: z.object({
          kind: z.enum(BANNED_WORD_KINDS).optional(),
          cursor: z.coerce.number().int().positive().optional(),
        }),
        response: {
          200: z.object({ items: z.array(BannedWordOut), nextCursor: z.string().nullable() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req) => listBannedWords(ctx.db, { kind: req.query.kind, before: req.query.cursor }),
  );

  r.post(
    '/banned-words',
    {
      preHandler: editors,
      schema: {
        operationId: 'consoleAddBannedWord',
        tags: ['console'],
        summary: 'Ban a word; it is stored lower case, half-width and without spaces',
        security,
        body: BannedWordBody,
        response: { 201: BannedWordOut, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addBannedWord(ctx.db, ctx.clock, req.body, req.staff!.id)),
  );

  r.delete(
    '/banned-words/:id',
    {
      preHandler: editors,
      schema: {
        operationId: 'consoleRemoveBannedWord',
        tags: ['console'],
        summary: 'Allow a word again',
        security,
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeBannedWord(ctx.db, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
