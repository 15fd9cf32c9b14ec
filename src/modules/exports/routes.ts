/** Access and copy (PIPL art. 45): ask for a copy of one's data, follow it, download it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { stopExportJob } from './job.ts';
import { ExportList, ExportOut, ExportParams, ExportRequestBody } from './schemas.ts';
import { getExport, listExports, openDownload, requestExport } from './service.ts';
import type { ExportLanguage } from './tables.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

/** The first of zh or en the client prefers; zh-CN when it names neither. */
export function languageOf(acceptLanguage: string | undefined): ExportLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  app.addHook('onClose', () => stopExportJob(ctx));

  r.post(
    '/me/exports',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'requestDataExport',
        tags: ['privacy'],
        summary:
          'Ask for a copy of all your data (a zip with data.json and index.html), built in the background',
        security,
        body: ExportRequestBody,
        response: { 202: ExportOut, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const lang = req.body?.lang ?? languageOf(req.headers['accept-language']);
      return reply.code(202).send(await requestExport(ctx, req.member!.userId, lang));
    },
  );

  r.get(
    '/me/exports',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'listDataExports',
        tags: ['privacy'],
        summary: 'Your data exports, newest first',
        security,
        response: { 200: ExportList, ...problemResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listExports(ctx, req.member!.userId), nextCursor: null }),
  );

  r.get(
    '/me/exports/:id',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'getDataExport',
        tags: ['privacy'],
        summary: 'One of your data exports, with its download URL while it is ready and not expired',
        security,
        params: ExportParams,
        response: { 200: ExportOut, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getExport(ctx, req.member!.userId, req.params.id),
  );

  r.get(
    '/me/exports/:id/download',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'downloadDataExport',
        tags: ['privacy'],
        summary: 'The zip of one of your ready exports; 410 export.expired after 7 days',
        security,
        params: ExportParams,
        response: {
          200: z.any().describe('application/zip'),
          ...problemResponses(400, 401, 403, 404, 409, 410),
        },
      },
    },
    async (req, reply) => {
      const download = await openDownload(ctx, req.member!.userId, req.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(download.size))
        .header('content-disposition', `attachment; filename="${download.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(download.stream);
    },
  );
}
