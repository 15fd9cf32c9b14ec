/** Members' consent routes: GET /me/consents and PUT /me/consents/{purpose} (api-contract "Privacy"). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { regionOfIp } from '../../platform/ip-region.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { ConsentBody, ConsentList, ConsentOut, ConsentPurposeParams } from './schemas.ts';
import { consentsOf, setConsent } from './service.ts';
import type { ConsentChannel } from './tables.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const tags = ['privacy'];

/** The web app signs in with the cookie; API clients with a bearer token. */
const channelOf = (req: FastifyRequest): ConsentChannel => (req.headers.authorization ? 'api' : 'web');

export async function consentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);

  r.get(
    '/me/consents',
    {
      preHandler: member,
      schema: {
        operationId: 'listMyConsents',
        tags,
        summary: 'The current state of each consent purpose, with those a new policy asks to renew',
        security,
        response: { 200: ConsentList, ...problemResponses(401, 403) },
      },
    },
    async (req) => consentsOf(ctx, req.member!.userId),
  );

  r.put(
    '/me/consents/:purpose',
    {
      preHandler: member,
      schema: {
        operationId: 'setMyConsent',
        tags,
        summary:
          'Grant or withdraw one purpose (effective on the next request); sensitive purposes need acknowledgedImpact',
        security,
        params: ConsentPurposeParams,
        body: ConsentBody,
        response: { 200: ConsentOut, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req) =>
      setConsent(ctx, req.member!.userId, req.params.purpose, req.body, {
        channel: channelOf(req),
        ipRegion: regionOfIp(req.ip),
      }),
  );
}
