/** Operator console API: sign-in, and the first console views (overview, articles, data inventory). */
import { and, count, desc, eq, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allTables } from '../../db/schema.ts';
import { cookieOptions, issueCsrf } from '../../platform/auth.ts';
import { buildInventory, InventoryRow } from '../../platform/inventory.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { users } from '../accounts/tables.ts';
import { ARTICLE_STATES, articles } from '../content/tables.ts';
import { requireStaff, STAFF_COOKIE } from './guard.ts';
import { STAFF_SESSION_HOURS, signIn, signOut } from './service.ts';
import { STAFF_ROLES, staffUsers } from './tables.ts';

const Staff = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
});
const Session = z.object({ staff: Staff, csrfToken: z.string() });
const security = [{ staffSession: [] }];

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const maxAge = STAFF_SESSION_HOURS * 3600;

  r.post(
    '/session',
    {
      schema: {
        operationId: 'consoleSignIn',
        tags: ['console'],
        summary: 'Sign in to the operator console (sets the ccm_staff cookie)',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: Session, ...problemResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const { token, staff } = await signIn(app.ctx.db, app.ctx.clock, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(STAFF_COOKIE, token, { ...cookieOptions(req, maxAge), sameSite: 'strict' });
      return { staff, csrfToken: issueCsrf(req, reply, maxAge) };
    },
  );

  r.get(
    '/session',
    {
      preHandler: requireStaff(app),
      schema: {
        operationId: 'consoleSession',
        tags: ['console'],
        summary: 'The signed-in staff member, with a fresh CSRF token',
        security,
        response: { 200: Session, ...problemResponses(401) },
      },
    },
    async (req, reply) => {
      const { sessionHash: _s, ...staff } = req.staff!;
      return { staff, csrfToken: issueCsrf(req, reply, maxAge) };
    },
  );

  r.delete(
    '/session',
    {
      preHandler: requireStaff(app),
      schema: {
        operationId: 'consoleSignOut',
        tags: ['console'],
        summary: 'Sign out of the console',
        security,
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await signOut(app.ctx.db, req.staff!.sessionHash);
      reply.clearCookie(STAFF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/overview',
    {
      preHandler: requireStaff(app),
      schema: {
        operationId: 'consoleOverview',
        tags: ['console'],
        summary: 'Counts for the console dashboard',
        security,
        response: {
          200: z.object({
            articles: z.record(z.string(), z.number().int()),
            members: z.number().int(),
            staff: z.number().int(),
            storageRegion: z.string(),
            database: z.string(),
          }),
          ...problemResponses(401),
        },
      },
    },
    async () => {
      const { db, config, database } = app.ctx;
      const byState = await db
        .select({ status: articles.status, n: count() })
        .from(articles)
        .groupBy(articles.status);
      const [[members], [staff]] = await Promise.all([
        db.select({ n: count() }).from(users),
        db.select({ n: count() }).from(staffUsers),
      ]);
      return {
        articles: Object.fromEntries(byState.map((s) => [s.status, Number(s.n)])),
        members: Number(members.n),
        staff: Number(staff.n),
        storageRegion: config.CCM_STORAGE_REGION,
        database: database.engine,
      };
    },
  );

  r.get(
    '/articles',
    {
      preHandler: requireStaff(app, 'editor', 'reviewer', 'contributor'),
      schema: {
        operationId: 'consoleListArticles',
        tags: ['console'],
        summary: 'Articles in any state, newest first',
        security,
        querystring: z.object({
          status: z.enum(ARTICLE_STATES).optional(),
          column: z.string().min(1).max(40).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                title: z.string(),
                column: z.string(),
                status: z.enum(ARTICLE_STATES),
                language: z.string(),
                publishedAt: z.string().nullable(),
                updatedAt: z.string(),
                /** Approved by a reviewer at its current revision (editorial workflow). */
                approved: z.boolean(),
                publishAt: z.string().nullable(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req) => {
      const { status, column, before, limit } = req.query;
      const rows = await app.ctx.db
        .select({
          id: articles.id,
          title: articles.title,
          column: articles.columnId,
          status: articles.status,
          language: articles.language,
          publishedAt: articles.publishedAt,
          updatedAt: articles.updatedAt,
          revision: articles.revision,
          approvedRevision: articles.approvedRevision,
          publishAt: articles.publishAt,
        })
        .from(articles)
        .where(
          and(
            status ? eq(articles.status, status) : undefined,
            column ? eq(articles.columnId, column) : undefined,
            before ? lt(articles.id, before) : undefined,
          ),
        )
        .orderBy(desc(articles.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: page.map(({ revision, approvedRevision, ...a }) => ({
          ...a,
          publishedAt: a.publishedAt?.toISOString() ?? null,
          updatedAt: a.updatedAt.toISOString(),
          approved: approvedRevision === revision,
          publishAt: a.publishAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
      };
    },
  );

  r.get(
    '/inventory',
    {
      preHandler: requireStaff(app, 'compliance'),
      schema: {
        operationId: 'consoleInventory',
        tags: ['console'],
        summary: 'The personal information inventory, generated from the column annotations',
        security,
        response: {
          200: z.object({ storageRegion: z.string(), rows: z.array(InventoryRow) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => ({ storageRegion: app.ctx.config.CCM_STORAGE_REGION, rows: buildInventory(allTables) }),
  );
}
