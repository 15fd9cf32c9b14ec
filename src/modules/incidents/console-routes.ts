/**
 * Console: incidents and the end of the service, for compliance officers (and admins). Every
 * change is made by a named staff account; the report to the regulator is a download.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { regulatorReport } from './report.ts';
import {
  Incident,
  IncidentBody,
  IncidentPage,
  IncidentParams,
  PageQuery,
  ReportQuery,
  ServiceEndBody,
  ServiceStatus,
} from './schemas.ts';
import {
  closeIncident,
  createIncident,
  getIncident,
  listIncidents,
  notifyIncident,
  updateIncident,
} from './service.ts';
import { announceServiceEnd, getServiceStatus, withdrawServiceEnd } from './service-end.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];

export async function incidentConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const compliance = requireStaff(app, 'compliance');

  r.get(
    '/incidents',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleListIncidents',
        tags,
        summary: 'Security incidents, newest first',
        security,
        querystring: PageQuery,
        response: { 200: IncidentPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const page = await listIncidents(ctx, {
        before: req.query.cursor ? Number(req.query.cursor) : undefined,
        limit: req.query.limit,
      });
      return { items: page.items, nextCursor: page.next ? String(page.next) : null };
    },
  );

  r.post(
    '/incidents',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleCreateIncident',
        tags,
        summary: 'Records an incident (a draft until the people affected are told)',
        security,
        body: IncidentBody,
        response: { 201: Incident, ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createIncident(ctx, req.staff!.id, req.body)),
  );

  r.get(
    '/incidents/:id',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleGetIncident',
        tags,
        summary: 'One incident',
        security,
        params: IncidentParams,
        response: { 200: Incident, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getIncident(ctx, req.params.id),
  );

  r.put(
    '/incidents/:id',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleUpdateIncident',
        tags,
        summary: 'Changes a draft incident',
        security,
        params: IncidentParams,
        body: IncidentBody,
        response: { 200: Incident, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateIncident(ctx, req.params.id, req.body),
  );

  r.post(
    '/incidents/:id/notify',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleNotifyIncident',
        tags,
        summary: 'Tells the people affected in the app and by SMS (guardians for children), or publishes it',
        security,
        params: IncidentParams,
        response: { 200: Incident, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => notifyIncident(ctx, req.params.id),
  );

  r.post(
    '/incidents/:id/close',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleCloseIncident',
        tags,
        summary: 'Closes a notified incident',
        security,
        params: IncidentParams,
        response: { 200: Incident, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => closeIncident(ctx, req.params.id),
  );

  r.get(
    '/incidents/:id/report',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleIncidentReport',
        tags,
        summary: 'The report to the regulator, as a Markdown document',
        security,
        params: IncidentParams,
        querystring: ReportQuery,
        response: { 200: z.string(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const incident = await getIncident(ctx, req.params.id);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${incident.reference}-${req.query.lang}.md"`)
        .send(regulatorReport(incident, req.query.lang, ctx.clock.now()));
    },
  );

  r.get(
    '/service-end',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleGetServiceEnd',
        tags,
        summary: 'Whether an end of the service is announced',
        security,
        response: { 200: ServiceStatus, ...problemResponses(401, 403) },
      },
    },
    async () => getServiceStatus(ctx),
  );

  r.post(
    '/service-end',
    {
      preHandler: requireStaff(app, 'admin'),
      schema: {
        operationId: 'consoleAnnounceServiceEnd',
        tags,
        summary: 'Announces the end of the service (admin only; at least 30 days ahead); collection stops',
        security,
        body: ServiceEndBody,
        response: { 200: ServiceStatus, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => announceServiceEnd(ctx, req.staff!.id, req.body),
  );

  r.delete(
    '/service-end',
    {
      preHandler: requireStaff(app, 'admin'),
      schema: {
        operationId: 'consoleWithdrawServiceEnd',
        tags,
        summary: 'Withdraws an announced end before it happens (admin only)',
        security,
        response: { 200: ServiceStatus, ...problemResponses(401, 403, 409) },
      },
    },
    async (req) => withdrawServiceEnd(ctx, req.staff!.id),
  );
}
