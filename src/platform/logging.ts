/**
 * The one logger. Personal information is removed here, at the logger, not at each call: values of
 * keys that name personal data are replaced, and phone numbers, emails and ID-card numbers inside
 * any string are masked. Requests are logged by path only; query strings may carry personal data.
 */
import pino, { type Logger, type LoggerOptions } from 'pino';

/** Keys whose values never reach a log line (compared case-insensitively, ignoring - and _). */
const SECRET_KEYS = new Set(
  [
    'password',
    'newpassword',
    'passwordhash',
    'token',
    'accesstoken',
    'refreshtoken',
    'authorization',
    'cookie',
    'setcookie',
    'smscode',
    'verificationcode',
    'secret',
    'phone',
    'mobile',
    'email',
    'address',
    'name',
    'realname',
    'displayname',
    'nickname',
    'username',
    'idnumber',
    'idcard',
    'birthday',
    'bio',
    'ip',
    'latitude',
    'longitude',
    'lat',
    'lng',
    'contact',
  ].map(normaliseKey),
);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

const PATTERNS: [RegExp, string][] = [
  [/(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, '[phone]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/(?<!\d)\d{17}[\dXx](?!\d)/g, '[id-number]'],
];

export function scrubString(value: string): string {
  let out = value;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Drizzle puts a failed query's parameters, which may be personal data, into the error message. */
function scrubError(text: string): string {
  return scrubString(text.replace(/\nparams: [^\n]*/g, '\nparams: [redacted]'));
}

/** A copy of the value with personal data removed; depth-limited and safe on cycles. */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    const cause = value.cause instanceof Error ? scrub(value.cause, depth + 1, seen) : undefined;
    return {
      type: value.name,
      message: scrubError(value.message),
      stack: value.stack && scrubError(value.stack),
      ...((value as NodeJS.ErrnoException).code ? { code: (value as NodeJS.ErrnoException).code } : {}),
      ...(cause ? { cause } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const secret = SECRET_KEYS.has(normaliseKey(key)) || (key === 'code' && /^\d{4,8}$/.test(String(v)));
    out[key] = secret && v != null ? '[redacted]' : scrub(v, depth + 1, seen);
  }
  return out;
}

/** req, res and err have serializers of their own (below) that keep only safe, scrubbed fields. */
const SERIALIZED = new Set(['req', 'res', 'err']);

function scrubLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) (SERIALIZED.has(key) ? kept : rest)[key] = value;
  return { ...(scrub(rest) as Record<string, unknown>), ...kept };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'ccm' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: scrubLogObject },
    // The message string is not part of the object the formatter sees: scrub it here.
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => scrub(err) as Record<string, unknown>,
    },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(loggerOptions(level), destination);
}
