/** The member's linked identities: list and unlink. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { listIdentities, unlinkIdentity } from './identities.ts';
import { maskEmail } from './masking.ts';
import { PROVIDER_NAMES } from './providers/index.ts';
import { IdentityOut } from './schemas.ts';
import { PROVIDER_IDS } from './tables.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

export async function meIdentityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/me/identities',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'listIdentities',
        tags: ['accounts'],
        summary: 'Third-party identities linked to this account',
        security,
        response: { 200: z.array(IdentityOut), ...problemResponses(401) },
      },
    },
    async (req) =>
      (await listIdentities(ctx, req.member!.userId)).map((i) => ({
        provider: i.provider,
        name: PROVIDER_NAMES[i.provider],
        email: i.email === null ? null : maskEmail(i.email),
        linkedAt: i.linkedAt.toISOString(),
        lastUsedAt: i.lastUsedAt?.toISOString() ?? null,
      })),
  );

  // Unlinking is always allowed, even for an account without password whose only identity this
  // is: every account has a verified phone, and sign-in by phone and SMS code always remains.
  r.delete(
    '/me/identities/:provider',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'unlinkIdentity',
        tags: ['accounts'],
        summary: 'Unlink a provider; signing in by phone and SMS code remains',
        security,
        params: z.object({ provider: z.enum(PROVIDER_IDS) }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      if (!(await unlinkIdentity(ctx, req.member!.userId, req.params.provider)))
        throw new AppError('identity.not_found');
      return reply.code(204).send(null);
    },
  );
}
