/** Console: the staff access audit, for compliance officers (and admins). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { isChinaDate } from '../../platform/workdays.ts';
import { requireStaff } from '../staff/guard.ts';
import { listAudit } from './service.ts';

const Id = z.coerce.number().int().positive();
const DateParam = z.string().refine(isChinaDate, { message: 'expected a date, YYYY-MM-DD' });

export const AuditQuery = z.object({
  staffId: Id.optional().describe('only what this staff member did'),
  userId: Id.optional().describe('only entries about this member'),
  from: DateParam.optional().describe('China date, inclusive'),
  to: DateParam.optional().describe('China date, inclusive'),
  cursor: z
    .string()
    .regex(/^\d{1,15}\.(staff|child)\.\d{1,15}$/)
    .optional(),
});

export const AuditPage = z.object({
  items: z.array(
    z.object({
      source: z
        .enum(['staff', 'child'])
        .describe('staff: the staff access log; child: the children’s data log'),
      id: z.number().int(),
      at: z.string(),
      staff: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
      targetUserId: z.number().int().nullable(),
      action: z.string().describe('<object>.<verb>; child.<what> for the children’s log'),
      reason: z.string().nullable(),
      requestId: z.string().nullable(),
      child: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export async function auditConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    {
      preHandler: requireStaff(app, 'compliance'),
      schema: {
        operationId: 'consoleAudit',
        tags: ['console'],
        summary: 'Who viewed or acted on whose personal data, what, why and when, children’s data included',
        security: [{ staffSession: [] }],
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listAudit(app.ctx, { staffId: req.staff!.id, requestId: req.id }, req.query),
  );
}
