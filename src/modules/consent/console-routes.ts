/**
 * Console: policy versions (publish), the consent ledger (search, verify the chain) and the third
 * parties. Compliance officers (and admin); a ledger search is recorded in the staff access log.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireStaff } from '../staff/guard.ts';
import { verifyConsentChain } from './ledger.ts';
import {
  ChainVerdictOut,
  IdParams,
  LedgerPage,
  LedgerQuery,
  PublishBody,
  ThirdPartyBody,
  ThirdPartyList,
  ThirdPartyOut,
  VersionList,
  VersionOut,
} from './schemas.ts';
import {
  createThirdParty,
  deleteThirdParty,
  listThirdParties,
  policyHistory,
  publishPolicy,
  searchLedger,
  updateThirdParty,
} from './service.ts';

const security = [{ staffSession: [] }];
const tags = ['console'];

export async function consentConsoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const compliance = requireStaff(app, 'compliance');

  r.get(
    '/policy/versions',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleListPolicyVersions',
        tags,
        summary: 'Every published policy version, newest first',
        security,
        response: { 200: VersionList, ...problemResponses(401, 403) },
      },
    },
    async () => policyHistory(ctx),
  );

  r.post(
    '/policy/versions',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consolePublishPolicyVersion',
        tags,
        summary: 'Publish a policy version; a major one names the purposes members must agree to again',
        security,
        body: PublishBody,
        response: { 201: VersionOut, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await publishPolicy(ctx, req.staff!.id, req.body)),
  );

  r.get(
    '/consents',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleSearchConsentLedger',
        tags,
        summary: 'The consent ledger, newest first, by member, purpose and date range (cursor-paged)',
        security,
        querystring: LedgerQuery,
        response: { 200: LedgerPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => searchLedger(ctx, { staffId: req.staff!.id, requestId: req.id }, req.query),
  );

  r.post(
    '/consents/verify',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleVerifyConsentChain',
        tags,
        summary: 'Recompute the ledger’s hash chain: ok, or the first broken row and why',
        security,
        response: { 200: ChainVerdictOut, ...problemResponses(401, 403) },
      },
    },
    async () => verifyConsentChain(ctx.db),
  );

  r.get(
    '/third-parties',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleListThirdParties',
        tags,
        summary: 'The third parties the policy lists',
        security,
        response: { 200: ThirdPartyList, ...problemResponses(401, 403) },
      },
    },
    async () => listThirdParties(ctx.db),
  );

  r.post(
    '/third-parties',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleCreateThirdParty',
        tags,
        summary: 'Add a third party',
        security,
        body: ThirdPartyBody,
        response: { 201: ThirdPartyOut, ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createThirdParty(ctx, req.body)),
  );

  r.put(
    '/third-parties/:id',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleUpdateThirdParty',
        tags,
        summary: 'Change a third party',
        security,
        params: IdParams,
        body: ThirdPartyBody,
        response: { 200: ThirdPartyOut, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => updateThirdParty(ctx, req.params.id, req.body),
  );

  r.delete(
    '/third-parties/:id',
    {
      preHandler: compliance,
      schema: {
        operationId: 'consoleDeleteThirdParty',
        tags,
        summary: 'Remove a third party from the list',
        security,
        params: IdParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteThirdParty(ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
