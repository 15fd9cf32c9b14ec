/**
 * The editorial console API: write and edit articles, take workflow steps, read the history and
 * diffs, upload pictures; and /media/articles/<file> serving the pictures. Role checks per step
 * are in service.ts (STEPS); the guard here only requires someone who works on articles.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { megabytes, readPictureUpload, sendStoredPicture } from '../../platform/images.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { listAuthors } from '../staff/service.ts';
import { ARTICLE_IMAGE_FILE, articleImageDir, storeArticleImage } from './images.ts';
import { stopPublishJob } from './job.ts';
import {
  ArticleEdit,
  ArticleIdParams,
  ArticleInput,
  DiffQuery,
  EditorArticle,
  History,
  ImageQuery,
  RevisionDiff,
  StepInput,
  UploadedImage,
} from './schemas.ts';
import {
  ARTICLE_READERS,
  articleForEditing,
  articleHistory,
  createArticle,
  diffRevisions,
  editArticle,
  takeStep,
  WRITERS,
} from './service.ts';

const security = [{ staffSession: [] }];

async function consoleEditorialRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const readers = requireStaff(app, ...ARTICLE_READERS);
  const maxBytes = ctx.config.CCM_ARTICLE_IMAGE_MAX_BYTES;
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
  });
  app.addHook('onClose', async () => stopPublishJob(ctx));

  r.get(
    '/authors',
    {
      preHandler: readers,
      schema: {
        operationId: 'consoleListAuthors',
        tags: ['editorial'],
        summary: 'Staff who can be named as an article’s author',
        security,
        response: {
          200: z.array(z.object({ id: z.number().int(), displayName: z.string() })),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => listAuthors(ctx.db),
  );

  r.post(
    '/articles',
    {
      preHandler: requireStaff(app, ...WRITERS),
      schema: {
        operationId: 'consoleCreateArticle',
        tags: ['editorial'],
        summary: 'Write a new article (a draft at revision 1; the body is sanitised)',
        security,
        body: ArticleInput,
        response: { 201: EditorArticle, ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createArticle(ctx, req.staff!, req.body)),
  );

  r.get(
    '/articles/:id',
    {
      preHandler: readers,
      schema: {
        operationId: 'consoleGetArticle',
        tags: ['editorial'],
        summary: 'An article in any state, for editing and review',
        security,
        params: ArticleIdParams,
        response: { 200: EditorArticle, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => articleForEditing(ctx, req.params.id),
  );

  r.put(
    '/articles/:id',
    {
      preHandler: requireStaff(app, ...WRITERS),
      schema: {
        operationId: 'consoleEditArticle',
        tags: ['editorial'],
        summary: 'Save an edit made from `revision` (409 article.edit_conflict if someone saved since)',
        security,
        params: ArticleIdParams,
        body: ArticleEdit,
        response: { 200: EditorArticle, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { revision, ...input } = req.body;
      return editArticle(ctx, req.staff!, req.params.id, revision, input);
    },
  );

  r.post(
    '/articles/:id/steps',
    {
      preHandler: readers,
      schema: {
        operationId: 'consoleArticleStep',
        tags: ['editorial'],
        summary:
          'Take a workflow step: submit, approve, reject, schedule, unschedule, publish, archive, reopen',
        description:
          'contributor/editor submit; reviewer approves (the named revision) or rejects with a note; editor ' +
          'schedules, publishes, archives and reopens; admin all. 403 auth.forbidden without the role, 409 ' +
          'article.invalid_transition from a state that does not allow the step.',
        security,
        params: ArticleIdParams,
        body: StepInput,
        response: { 200: EditorArticle, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => takeStep(ctx, req.staff!, req.params.id, req.body),
  );

  r.get(
    '/articles/:id/history',
    {
      preHandler: readers,
      schema: {
        operationId: 'consoleArticleHistory',
        tags: ['editorial'],
        summary: 'Saved revisions and workflow steps of an article, oldest first',
        security,
        params: ArticleIdParams,
        response: { 200: History, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => articleHistory(ctx, req.params.id),
  );

  r.get(
    '/articles/:id/diff',
    {
      preHandler: readers,
      schema: {
        operationId: 'consoleArticleDiff',
        tags: ['editorial'],
        summary: 'What changed between two revisions, field by field (the body as text)',
        security,
        params: ArticleIdParams,
        querystring: DiffQuery,
        response: { 200: RevisionDiff, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => diffRevisions(ctx, req.params.id, req.query.from, req.query.to),
  );

  r.post(
    '/article-images',
    {
      preHandler: requireStaff(app, ...WRITERS),
      schema: {
        operationId: 'consoleUploadArticleImage',
        tags: ['editorial'],
        summary: `Upload a picture for a body or a cover (multipart, field "file": JPEG, PNG or WebP, at most ${megabytes(maxBytes)} MB)`,
        description:
          'Re-encoded to WebP without metadata; body pictures at most 1600 px wide, covers 1200×675.',
        consumes: ['multipart/form-data'],
        security,
        querystring: ImageQuery,
        response: { 201: UploadedImage, ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) {
        throw new AppError(
          'request.unsupported_media_type',
          'Send the picture as multipart/form-data in a field named "file".',
        );
      }
      const upload = await readPictureUpload(req, maxBytes, 'A picture');
      return reply.code(201).send(await storeArticleImage(ctx, upload, req.query.kind));
    },
  );
}

/** GET /media/articles/<file>: only names of the shape the server gives are looked up. */
async function articleMediaRoutes(app: FastifyInstance): Promise<void> {
  const dir = articleImageDir(app.ctx.config.dataDir);
  const missing = () => new AppError('route.not_found', 'There is no picture at this address.');
  app.get<{ Params: { file: string } }>(
    '/articles/:file',
    { schema: { operationId: 'getArticleImage', tags: ['media'], summary: 'An article picture (WebP)' } },
    async (req, reply) => sendStoredPicture(reply, dir, req.params.file, ARTICLE_IMAGE_FILE, missing),
  );
}

/** One registration in app.ts mounts the console API and the picture files. */
export async function editorialRoutes(app: FastifyInstance, options: { apiPrefix: string }): Promise<void> {
  await app.register(consoleEditorialRoutes, { prefix: `${options.apiPrefix}/console` });
  await app.register(articleMediaRoutes, { prefix: '/media' });
}
