/** The consent screen's data and the phone binding of a pending identity. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/openapi.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { setSessionCookies } from '../accounts/guard.ts';
import { meView } from '../accounts/profile.ts';
import { deviceOf } from '../accounts/routes.ts';
import { completeBinding } from './binding.ts';
import { maskEmail, maskNickname } from './masking.ts';
import { readPendingLink } from './pending.ts';
import { PROVIDER_NAMES } from './providers/index.ts';
import { BoundOut, CompleteBody, LinkParams, PendingOut } from './schemas.ts';

export async function bindingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.get(
    '/auth/oauth/pending/:id',
    {
      schema: {
        operationId: 'getPendingOAuthLink',
        tags: ['auth'],
        summary: 'What the provider offered, masked, for the consent screen before binding a phone',
        params: LinkParams,
        response: { 200: PendingOut, ...problemResponses(400, 410) },
      },
    },
    async (req, reply) => {
      const link = await readPendingLink(ctx, req.params.id);
      const { nickname, avatarUrl, email } = link.profile;
      const offered = [
        ...(nickname !== undefined ? [{ field: 'nickname' as const, preview: maskNickname(nickname) }] : []),
        ...(avatarUrl !== undefined ? [{ field: 'avatar' as const, preview: null }] : []),
        ...(email !== undefined ? [{ field: 'email' as const, preview: maskEmail(email) }] : []),
      ];
      // Profile values, even masked: not for shared caches.
      reply.header('cache-control', 'no-store');
      return {
        provider: link.provider,
        providerName: PROVIDER_NAMES[link.provider],
        offered,
        returnTo: link.returnTo,
        expiresAt: link.expiresAt.toISOString(),
      };
    },
  );

  r.post(
    '/auth/oauth/pending/:id/complete',
    {
      schema: {
        operationId: 'completeOAuthLink',
        tags: ['auth'],
        summary:
          'Bind a phone (SMS code) to the pending identity, import the ticked fields and sign in; ' +
          'a new number gets a new account without password',
        params: LinkParams,
        body: CompleteBody,
        response: { 200: BoundOut, ...problemResponses(400, 403, 409, 410, 429) },
      },
    },
    async (req, reply) => {
      const input = { ...req.body, phone: normalisePhone(req.body.phone) };
      const bound = await completeBinding(ctx, req.params.id, input, deviceOf(req));
      const csrfToken = setSessionCookies(req, reply, bound.token);
      return {
        token: bound.token,
        csrfToken,
        user: await meView(ctx, bound.userId),
        imported: bound.imported,
        returnTo: bound.returnTo,
      };
    },
  );
}
