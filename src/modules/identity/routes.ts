/**
 * Third-party sign-in (policy 1.2, feature S2): the round trip to a provider (sign-in-routes.ts),
 * binding a phone to a new identity (binding-routes.ts) and the member's linked identities
 * (me-routes.ts). The providers offered are those configured (providers/index.ts).
 */
import type { FastifyInstance } from 'fastify';
import { bindingRoutes } from './binding-routes.ts';
import { meIdentityRoutes } from './me-routes.ts';
import { configuredProviders } from './providers/index.ts';
import { signInRoutes } from './sign-in-routes.ts';

export async function identityRoutes(app: FastifyInstance): Promise<void> {
  await app.register(signInRoutes, { providers: configuredProviders(app.ctx.config) });
  await app.register(bindingRoutes);
  await app.register(meIdentityRoutes);
}
