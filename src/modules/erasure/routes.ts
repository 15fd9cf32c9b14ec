/** The member's side of cancellation: the preview and the request (API contract, Privacy). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/openapi.ts';
import { clearSessionCookies, requireMember } from '../accounts/guard.ts';
import { cancelAccount, cancellationPreview } from './cancellation.ts';
import { stopErasureJob } from './job.ts';
import { stopRetentionJob } from './retention.ts';
import { CancellationAccepted, CancellationBody, CancellationPreview } from './schemas.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const tags = ['privacy'];

export async function erasureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  // The erasure and retention jobs (started by the server) must not outlive the database.
  app.addHook('onClose', async () => {
    await stopErasureJob(ctx);
    await stopRetentionJob(ctx);
  });

  r.get(
    '/me/cancellation/preview',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'previewCancellation',
        tags,
        summary: 'What cancelling the account deletes, anonymises or keeps under legal hold, per category',
        security,
        response: { 200: CancellationPreview, ...problemResponses(401, 403) },
      },
    },
    async () => cancellationPreview(),
  );

  r.post(
    '/me/cancellation',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'cancelAccount',
        tags,
        summary: 'Cancel the account, irreversibly; the erasure runs in the background',
        description:
          'Needs an SMS code for purpose cancel-account (POST /auth/sms-codes). From the answer on, ' +
          'the account’s tokens answer 401 and its phone can register as a new person. The receipt ' +
          'id names the erasure receipt that staff can show on request.',
        security,
        body: CancellationBody,
        response: { 202: CancellationAccepted, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      const accepted = await cancelAccount(ctx, req.member!.userId, req.body.code);
      clearSessionCookies(reply);
      return reply.code(202).send(accepted);
    },
  );
}
