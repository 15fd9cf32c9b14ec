/**
 * Console: rights requests (support, compliance, admin) and the working-day calendar (compliance,
 * admin). Opening a request is a view of its member's data and is recorded by the service.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { addCalendarDay, listCalendarYear, removeCalendarDay, updateCalendarDay } from './calendar.ts';
import {
  AnswerBody,
  CalendarDateParams,
  CalendarDayBody,
  CalendarDayOut,
  CalendarDayUpdate,
  CalendarYear,
  CalendarYearQuery,
  ConsoleRequestDetail,
  ConsoleRequestPage,
  ConsoleRequestQuery,
  IdParams,
  RequestSummary,
} from './schemas.ts';
import {
  type Agent,
  answerRequest,
  assignToSelf,
  listRequests,
  requestDetail,
  requestSummary,
} from './service.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];
const agent = (req: FastifyRequest): Agent => ({
  staffId: req.staff!.id,
  role: req.staff!.role,
  requestId: req.id,
});

export async function requestConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const agents = requireStaff(app, 'support', 'compliance');
  const calendarKeepers = requireStaff(app, 'compliance');

  r.get(
    '/requests',
    {
      preHandler: agents,
      schema: {
        operationId: 'consoleListRequests',
        tags,
        summary: 'Rights requests by due time, earliest first, with due-soon and overdue flags',
        security,
        querystring: ConsoleRequestQuery,
        response: { 200: ConsoleRequestPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listRequests(ctx, agent(req), req.query),
  );

  r.get(
    '/requests/summary',
    {
      preHandler: agents,
      schema: {
        operationId: 'consoleRequestSummary',
        tags,
        summary: 'Counts of pending, due-soon and overdue requests (for the overview)',
        security,
        response: { 200: RequestSummary, ...problemResponses(401, 403) },
      },
    },
    async () => requestSummary(ctx),
  );

  r.get(
    '/requests/:id',
    {
      preHandler: agents,
      schema: {
        operationId: 'consoleGetRequest',
        tags,
        summary: 'One request with its member (phone masked) and its history; recorded in the access log',
        security,
        params: IdParams,
        response: { 200: ConsoleRequestDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => requestDetail(ctx, agent(req), req.params.id),
  );

  r.post(
    '/requests/:id/assign',
    {
      preHandler: agents,
      schema: {
        operationId: 'consoleAssignRequest',
        tags,
        summary: 'Take the request: it is assigned to the signed-in agent and in progress',
        security,
        params: IdParams,
        response: { 200: ConsoleRequestDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => assignToSelf(ctx, agent(req), req.params.id),
  );

  r.post(
    '/requests/:id/answer',
    {
      preHandler: agents,
      schema: {
        operationId: 'consoleAnswerRequest',
        tags,
        summary: 'Close the request: done with an answer, or refused with a reason; the member sees it',
        security,
        params: IdParams,
        body: AnswerBody,
        response: { 200: ConsoleRequestDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => answerRequest(ctx, agent(req), req.params.id, req.body),
  );

  r.get(
    '/calendar',
    {
      preHandler: calendarKeepers,
      schema: {
        operationId: 'consoleCalendarYear',
        tags,
        summary: 'A year’s public holidays and make-up working days',
        security,
        querystring: CalendarYearQuery,
        response: { 200: CalendarYear, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listCalendarYear(ctx.db, req.query.year),
  );

  r.post(
    '/calendar',
    {
      preHandler: calendarKeepers,
      schema: {
        operationId: 'consoleAddCalendarDay',
        tags,
        summary: 'Add a holiday, or a make-up working day on a weekend',
        security,
        body: CalendarDayBody,
        response: { 201: CalendarDayOut, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await addCalendarDay(ctx, req.body)),
  );

  r.put(
    '/calendar/:date',
    {
      preHandler: calendarKeepers,
      schema: {
        operationId: 'consoleUpdateCalendarDay',
        tags,
        summary: 'Change a day of the calendar (confirming a provisional one clears its flag)',
        security,
        params: CalendarDateParams,
        body: CalendarDayUpdate,
        response: { 200: CalendarDayOut, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => updateCalendarDay(ctx, req.params.date, req.body),
  );

  r.delete(
    '/calendar/:date',
    {
      preHandler: calendarKeepers,
      schema: {
        operationId: 'consoleRemoveCalendarDay',
        tags,
        summary: 'Remove a day: it follows Monday to Friday again',
        security,
        params: CalendarDateParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeCalendarDay(ctx.db, req.params.date);
      return reply.code(204).send(null);
    },
  );
}
