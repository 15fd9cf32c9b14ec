/**
 * How every error reaches a client: problem+json with a stable code, field paths for validation
 * errors, a correlation id (the request id) for server faults, and never a stack trace or SQL.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError, problemOf } from './errors.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a well-formed incoming X-Request-Id (a proxy's), otherwise makes one. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const problem = problemOf(error, reply.request.url.split('?')[0]);
  if (error.status >= 500) problem.correlationId = reply.request.id;
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(problem));
}

/** Fastify's own error codes, mapped onto the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.bad_request',
  FST_ERR_BAD_URL: 'request.bad_request',
};

function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((issue) => {
      const params = issue.params as { issue?: { path?: PropertyKey[] } };
      const segments = params.issue?.path ?? issue.instancePath.split('/').filter(Boolean);
      return { path: [where, ...segments.map(String)].join('.'), message: issue.message ?? 'is not valid' };
    });
    return new AppError('validation.failed', 'One or more fields are not valid.', { errors });
  }
  if (error.code && FASTIFY_CODES[error.code]) {
    const code = FASTIFY_CODES[error.code];
    return new AppError(
      code,
      code === 'request.malformed_json' ? 'The body could not be parsed as JSON.' : undefined,
    );
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new AppError('request.malformed_json', 'The body could not be parsed as JSON.');
  }
  if (
    !isResponseSerializationError(error) &&
    error.statusCode &&
    error.statusCode >= 400 &&
    error.statusCode < 500
  ) {
    if (error.statusCode === 413) return new AppError('request.body_too_large');
    if (error.statusCode === 415) return new AppError('request.unsupported_media_type');
    return new AppError('request.bad_request');
  }
  return undefined;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: known.code }, 'request refused');
      return sendProblem(reply, known);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(
      reply,
      new AppError(
        'internal.error',
        'Something went wrong on our side. Quote the correlation id if you contact us.',
      ),
    );
  });

  // Callback style: every response passes here, and an async hook would cost each one a promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    done(null, payload);
  });
}

/** 404 for anything no route serves (the web module extends this to the app shell's pages). */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    new AppError('route.not_found', `No resource at ${request.method} ${request.url.split('?')[0]}.`),
  );
}
