/**
 * The one way the web apps call the API: JSON in and out, and every failure as an ApiError that
 * carries the problem+json `code` (or `network.unreachable` when no answer came), so screens
 * decide what to show from a stable code rather than from a message.
 */

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
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | undefined | null>;

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** Sent as JSON. */
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
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'network.unreachable', err instanceof Error ? err.message : 'network error');
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    throw new ApiError(
      response.status,
      problem?.code ?? `http.${response.status}`,
      problem?.detail ?? problem?.title ?? response.statusText,
      problem,
    );
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';
