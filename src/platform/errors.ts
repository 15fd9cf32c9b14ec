/**
 * The one catalogue of errors. Each has a stable machine-readable code that clients may rely on; on
 * the wire every error is application/problem+json (RFC 9457) with that code.
 */

export const ERRORS = {
  'validation.failed': { status: 400, title: 'The request is not valid' },
  'request.malformed_json': { status: 400, title: 'The request body is not valid JSON' },
  'request.bad_request': { status: 400, title: 'The request cannot be processed' },
  'request.body_too_large': { status: 413, title: 'The request body is too large' },
  'request.unsupported_media_type': { status: 415, title: 'The content type is not supported' },
  'route.not_found': { status: 404, title: 'There is nothing at this address' },
  'route.method_not_allowed': { status: 405, title: 'This method is not allowed here' },
  'auth.unauthenticated': { status: 401, title: 'Sign-in is required' },
  'auth.invalid_credentials': { status: 401, title: 'The credentials are not valid' },
  'auth.forbidden': { status: 403, title: 'You may not do this' },
  'auth.csrf_failed': { status: 403, title: 'The request lacks a valid CSRF token' },
  rate_limited: { status: 429, title: 'Too many requests' },
  'article.not_found': { status: 404, title: 'The article does not exist' },
  'service.unavailable': { status: 503, title: 'The service is not ready' },
  'internal.error': { status: 500, title: 'An unexpected error occurred' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } & Record<
      string,
      unknown
    > = {},
  ) {
    super(detail ?? ERRORS[code].title);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export function problemOf(error: AppError, instance?: string): Problem {
  const { headers: _headers, ...extra } = error.extra;
  return {
    type: `https://ccm.example.cn/problems/${error.code.replace(/[._]/g, '-')}`,
    title: ERRORS[error.code].title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    code: error.code,
    ...(instance ? { instance } : {}),
    ...extra,
  };
}
