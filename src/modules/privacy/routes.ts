/**
 * What CCM collects, why and for how long, generated from the column annotations: the public
 * counterpart of the console's inventory, shown before anything is collected (registration). Also
 * the privacy policy itself, its history and the third parties (modules/consent).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InventoryRow } from '../../platform/inventory.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { PolicyOut, PolicyQuery, ThirdPartyList, VersionList } from '../consent/schemas.ts';
import {
  currentPolicyRow,
  listThirdParties,
  memberInventory,
  policyDocument,
  policyHistory,
} from '../consent/service.ts';

export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  // Member data only: staff accounts are not what a reader agrees to.
  const rows = memberInventory();
  r.get(
    '/privacy/collection',
    {
      schema: {
        operationId: 'getPersonalDataCollection',
        tags: ['privacy'],
        summary:
          'Every kind of personal information CCM keeps about members: purpose, legal basis, retention',
        response: {
          200: z.object({
            policyVersion: z.string(),
            storageRegion: z.string(),
            rows: z.array(InventoryRow.omit({ note: true })),
          }),
        },
      },
    },
    async () => ({
      policyVersion: (await currentPolicyRow(ctx)).version,
      storageRegion: ctx.config.CCM_STORAGE_REGION,
      rows: rows.map(({ note: _note, ...row }) => row),
    }),
  );

  r.get(
    '/privacy/policy',
    {
      schema: {
        operationId: 'getPrivacyPolicy',
        tags: ['privacy'],
        summary:
          'The privacy policy in force (or ?version=), in one language, with the consent purposes it asks for',
        querystring: PolicyQuery,
        response: { 200: PolicyOut, ...problemResponses(400, 404) },
      },
    },
    async (req) => policyDocument(ctx, req.query.lang, req.query.version),
  );

  r.get(
    '/privacy/policy/versions',
    {
      schema: {
        operationId: 'listPrivacyPolicyVersions',
        tags: ['privacy'],
        summary: 'Every published version of the policy, newest first, marking the one in force',
        response: { 200: VersionList },
      },
    },
    async () => policyHistory(ctx),
  );

  r.get(
    '/privacy/third-parties',
    {
      schema: {
        operationId: 'listThirdParties',
        tags: ['privacy'],
        summary: 'The third parties (SDKs, processors, ad partners) that receive personal information',
        response: { 200: ThirdPartyList },
      },
    },
    async () => listThirdParties(ctx.db),
  );
}
