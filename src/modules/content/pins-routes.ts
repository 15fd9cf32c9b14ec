/** Console: editors pin published articles to the top of a column's feed. Editors and admins. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { PIN_LIMIT } from './pins.ts';
import { listPins, pinArticle, reorderPins, unpinArticle } from './pins-console.ts';
import { ArticleParams, TaxonomyId } from './schemas.ts';
import { ARTICLE_STATES, PIN_ACTIONS } from './tables.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];

const ColumnParams = z.object({ id: TaxonomyId });
const PinParams = z.object({ id: TaxonomyId, articleId: ArticleParams.shape.id });
const Staff = z.object({ id: z.number().int(), displayName: z.string() }).nullable();

const PinList = z.object({
  column: z.string(),
  limit: z.number().int().describe('most pins a column may hold (expired ones do not count)'),
  items: z.array(
    z.object({
      articleId: z.number().int(),
      title: z.string(),
      status: z.enum(ARTICLE_STATES),
      articleColumn: z.string().describe('the column the article itself belongs to'),
      position: z.number().int().describe('0 is the top'),
      pinnedAt: z.string(),
      pinnedBy: Staff,
      expiresAt: z.string().nullable(),
      live: z.boolean().describe('shown to readers now: the article is published and the pin not expired'),
    }),
  ),
  events: z
    .array(
      z.object({
        id: z.number().int(),
        articleId: z.number().int().nullable(),
        action: z.enum(PIN_ACTIONS),
        order: z.array(z.number().int()).describe('the pins after the change, in order'),
        at: z.string(),
        staff: Staff,
      }),
    )
    .describe('the latest changes, newest first'),
});

const PinIn = z
  .object({
    articleId: ArticleParams.shape.id,
    position: z
      .number()
      .int()
      .min(0)
      .max(PIN_LIMIT - 1)
      .optional()
      .describe('0 is the top; left out, the pin goes last'),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional().describe('when the pin ends by itself'),
  })
  .strict();

const OrderIn = z
  .object({
    articleIds: z
      .array(ArticleParams.shape.id)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'ids must not repeat' }),
  })
  .strict();

export async function pinConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const editor = requireStaff(app, 'editor');

  r.get(
    '/columns/:id/pins',
    {
      preHandler: editor,
      schema: {
        operationId: 'consoleListPins',
        tags,
        summary: "A column's pins in order (with those readers do not see now) and the latest changes",
        security,
        params: ColumnParams,
        response: { 200: PinList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listPins(ctx, req.params.id),
  );

  r.post(
    '/columns/:id/pins',
    {
      preHandler: editor,
      schema: {
        operationId: 'consolePinArticle',
        tags,
        summary: `Pin a published article to the top of a column (at most ${PIN_LIMIT})`,
        security,
        params: ColumnParams,
        body: PinIn,
        response: { 201: PinList, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { articleId, position, expiresAt } = req.body;
      await pinArticle(ctx, req.staff!.id, req.params.id, {
        articleId,
        position,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
      });
      return reply.code(201).send(await listPins(ctx, req.params.id));
    },
  );

  r.delete(
    '/columns/:id/pins/:articleId',
    {
      preHandler: editor,
      schema: {
        operationId: 'consoleUnpinArticle',
        tags,
        summary: 'Unpin an article from a column',
        security,
        params: PinParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await unpinArticle(ctx, req.staff!.id, req.params.id, req.params.articleId);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/columns/:id/pins/order',
    {
      preHandler: editor,
      schema: {
        operationId: 'consoleReorderPins',
        tags,
        summary: "Put a column's pins in a new order (every pin, each once)",
        security,
        params: ColumnParams,
        body: OrderIn,
        response: { 200: PinList, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await reorderPins(ctx, req.staff!.id, req.params.id, req.body.articleIds);
      return listPins(ctx, req.params.id);
    },
  );
}
