/**
 * The one way the web apps call the API: JSON in and out, and every failure as an ApiError that
 * carries the problem+json `code` (or `network.unreachable` when no answer came), so screens
 * decide what to show from a stable code rather than from a message.
 *
 * Signed-in browsers are authenticated by the HttpOnly session cookie; unsafe requests echo the
 * readable `ccm_csrf` cookie in `X-CSRF-Token` (double submit). No token is ever kept in storage.
 */

import { analyticsHeader } from './analytics-choice.ts';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem?: Problem,
    /** From Retry-After (or the problem's `retryAfterSeconds`) on a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | undefined | null>;

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** Sent as JSON, or as multipart when it is FormData (uploads). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The value of a cookie the page may read (not the HttpOnly session). */
export function readCookie(name: string): string | undefined {
  const found = document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  return found === undefined ? undefined : decodeURIComponent(found);
}

function csrfHeader(method: string): Record<string, string> {
  if (!UNSAFE.has(method) || typeof document === 'undefined') return {};
  const token = readCookie('ccm_csrf');
  return token ? { 'x-csrf-token': token } : {};
}

function retryAfterOf(response: Response, problem: Problem | undefined): number | undefined {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const inBody = (problem as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof inBody === 'number' && inBody > 0 ? Math.ceil(inBody) : undefined;
}

const unauthenticated = new Set<(error: ApiError) => void>();

/**
 * Called whenever the server answers `auth.unauthenticated`: the session ended (signed out on
 * another device, expired), so the app can show the signed-out state at once.
 */
export function onUnauthenticated(listener: (error: ApiError) => void): () => void {
  unauthenticated.add(listener);
  return () => unauthenticated.delete(listener);
}

async function problemOf(response: Response): Promise<Problem | undefined> {
  if (!/json/.test(response.headers.get('content-type') ?? '')) return undefined;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body.code === 'string' ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The answer is typed by the caller and not re-validated: the server checks every response
 * against its schema before sending it (fastify-type-provider-zod).
 */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...csrfHeader(method),
    ...analyticsHeader(),
    ...options.headers,
  };
  const multipart = typeof FormData !== 'undefined' && options.body instanceof FormData;
  // The browser sets multipart's content type itself, with the boundary.
  if (options.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : multipart
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'network.unreachable', err instanceof Error ? err.message : 'network error');
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    const error = new ApiError(
      response.status,
      problem?.code ?? `http.${response.status}`,
      problem?.detail ?? problem?.title ?? response.statusText,
      problem,
      retryAfterOf(response, problem),
    );
    if (error.code === 'auth.unauthenticated') for (const listener of unauthenticated) listener(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';
