/**
 * Console: the taxonomy editor (columns, machine classes and subdivisions, brands, model series)
 * and an article's series links. Editors and admins.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { ARTICLE_CACHE, FEED_CACHE, invalidateArticle } from './routes.ts';
import {
  ArticleParams,
  ArticleSeriesIn,
  BrandEntry,
  BrandIn,
  BrandPatch,
  ColumnEntry,
  ColumnIn,
  ColumnPatch,
  OrderIn,
  SeriesEntry,
  SeriesIn,
  SeriesPatch,
  TagEntry,
  TagIn,
  TagPatch,
  TaxonomyIdParams,
  TaxonomyOut,
} from './schemas.ts';
import {
  createBrand,
  createColumn,
  createSeries,
  createTag,
  deleteTaxonomy,
  listTaxonomy,
  type Patch,
  reorderTaxonomy,
  setArticleSeries,
  type TaxonomyKind,
  updateTaxonomy,
} from './taxonomy.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];

export async function contentConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const editor = requireStaff(app, 'editor');
  // Feed pages filtered by an entry change with it.
  const refreshFeed = () => ctx.caches.invalidate(FEED_CACHE, null);

  r.get(
    '/taxonomy',
    {
      preHandler: editor,
      schema: {
        operationId: 'consoleListTaxonomy',
        tags,
        summary: 'Columns, tags, brands and model series with both names and positions',
        security,
        response: { 200: TaxonomyOut, ...problemResponses(401, 403) },
      },
    },
    async () => listTaxonomy(ctx.db),
  );

  const kinds = [
    {
      kind: 'columns',
      one: 'Column',
      body: ColumnIn,
      patch: ColumnPatch,
      out: ColumnEntry,
      create: createColumn,
    },
    { kind: 'tags', one: 'Tag', body: TagIn, patch: TagPatch, out: TagEntry, create: createTag },
    { kind: 'brands', one: 'Brand', body: BrandIn, patch: BrandPatch, out: BrandEntry, create: createBrand },
    {
      kind: 'series',
      one: 'Series',
      body: SeriesIn,
      patch: SeriesPatch,
      out: SeriesEntry,
      create: createSeries,
    },
  ] as const;

  for (const k of kinds) {
    const kind: TaxonomyKind = k.kind;
    r.post(
      `/taxonomy/${kind}`,
      {
        preHandler: editor,
        schema: {
          operationId: `consoleCreate${k.one}`,
          tags,
          summary: `Add an entry to ${kind}`,
          security,
          body: k.body,
          response: { 201: k.out, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => {
        // Each body schema matches its create function; the loop only loses the pairing for TypeScript.
        const row = await (k.create as (db: typeof ctx.db, v: unknown) => Promise<unknown>)(ctx.db, req.body);
        await refreshFeed();
        return reply.code(201).send(row as never);
      },
    );

    r.patch(
      `/taxonomy/${kind}/:id`,
      {
        preHandler: editor,
        schema: {
          operationId: `consoleUpdate${k.one}`,
          tags,
          summary: `Rename, move or reposition an entry of ${kind}`,
          security,
          params: TaxonomyIdParams,
          body: k.patch,
          response: { 200: k.out, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const { row, affected } = await updateTaxonomy(ctx.db, kind, req.params.id, req.body as Patch);
        // A rename is rare and may touch 100,000s of articles: one message clears the whole article
        // cache on every instance rather than one per article.
        if (affected.length > 0) await ctx.caches.invalidate(ARTICLE_CACHE, null);
        await refreshFeed();
        return row as never;
      },
    );

    r.delete(
      `/taxonomy/${kind}/:id`,
      {
        preHandler: editor,
        schema: {
          operationId: `consoleDelete${k.one}`,
          tags,
          summary: `Delete an entry of ${kind} that nothing uses`,
          security,
          params: TaxonomyIdParams,
          response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await deleteTaxonomy(ctx.db, kind, req.params.id);
        await refreshFeed();
        return reply.code(204).send(null);
      },
    );

    r.put(
      `/taxonomy/${kind}/order`,
      {
        preHandler: editor,
        schema: {
          operationId: `consoleOrder${k.one}`,
          tags,
          summary: `Set the display order of entries of ${kind} (tags: of one parent)`,
          security,
          body: OrderIn,
          response: { 204: z.null(), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        await reorderTaxonomy(ctx.db, kind, req.body.ids);
        await refreshFeed();
        return reply.code(204).send(null);
      },
    );
  }

  r.put(
    '/articles/:id/series',
    {
      preHandler: editor,
      schema: {
        operationId: 'consoleSetArticleSeries',
        tags,
        summary: 'Replace the model series an article links to',
        security,
        params: ArticleParams,
        body: ArticleSeriesIn,
        response: { 200: z.object({ series: z.array(z.string()) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const series = await setArticleSeries(ctx.db, req.params.id, req.body.series);
      await invalidateArticle(ctx.caches, req.params.id);
      return { series };
    },
  );
}
