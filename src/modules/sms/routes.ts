/** POST /auth/sms-codes: request a verification code by SMS. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/openapi.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { settleDeliveries } from './delivery.ts';
import { SmsCodeAccepted, SmsCodeRequest } from './schemas.ts';
import { requestCode } from './service.ts';

export async function smsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Messages still on their way to a remote gateway are sent before the process stops.
  app.addHook('onClose', () => settleDeliveries(app.ctx.sms));

  r.post(
    '/auth/sms-codes',
    {
      schema: {
        operationId: 'requestSmsCode',
        tags: ['auth'],
        summary: 'Send a verification code by SMS',
        description:
          'Answers 202 alike whether or not the number has an account; a number that cannot use ' +
          'the purpose gets no code. Limits: one request per number and purpose a minute, and ' +
          'daily caps per number and per network (429 rate_limited with Retry-After).',
        body: SmsCodeRequest,
        response: { 202: SmsCodeAccepted, ...problemResponses(400, 429) },
      },
    },
    async (req, reply) => {
      const phone = normalisePhone(req.body.phone);
      const answer = await requestCode(app.ctx, { phone, purpose: req.body.purpose, ip: req.ip });
      return reply.code(202).send(answer);
    },
  );
}
