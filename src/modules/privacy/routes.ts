/**
 * What CCM collects, why and for how long, generated from the column annotations: the public
 * counterpart of the console's inventory, shown before anything is collected (registration).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allTables } from '../../db/schema.ts';
import { buildInventory, InventoryRow } from '../../platform/inventory.ts';
import { CURRENT_POLICY_VERSION } from '../accounts/policy-version.ts';

export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Member data only: staff accounts are not what a reader agrees to.
  const rows = buildInventory(allTables).filter((row) => !row.table.startsWith('staff_'));
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
      policyVersion: CURRENT_POLICY_VERSION,
      storageRegion: app.ctx.config.CCM_STORAGE_REGION,
      rows: rows.map(({ note: _note, ...row }) => row),
    }),
  );
}
