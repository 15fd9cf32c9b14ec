/**
 * Every setting CCM reads, validated once at boot. A wrong or missing value stops the process with
 * a message naming the variable and what it expects (see ConfigError).
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected one of true, false, 1, 0, yes, no' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `expected at least ${min}` })
        .max(max, { message: `expected at most ${max}` }),
    );

const url = (schemes: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}` },
  );

const schema = z.object({
  /** TCP port the HTTP server listens on. */
  PORT: int(1, 65535).default(3000),
  /** Interface to listen on; "localhost" serves this machine only, "0.0.0.0" the whole network. */
  HOST: z.string().min(1, { message: 'expected a host name or address' }).default('localhost'),
  /** Where the embedded database, uploads and the development SMS outbox live. */
  CCM_DATA_DIR: z.string().min(1, { message: 'expected a directory path' }).default('./data'),
  /** PostgreSQL server to use instead of the embedded database (postgres://user@host:port/db). */
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  /** Connections in the PostgreSQL pool of each instance. */
  CCM_DB_POOL_SIZE: int(1, 200).default(10),
  /**
   * On a PostgreSQL server, password sign-ins (their statements and argon2) run in a process of
   * their own at the lowest CPU priority, so that a storm of sign-ins does not delay readers.
   */
  CCM_SIGN_IN_PROCESS: bool.default(true),
  /** Redis for cross-instance cache invalidation (and, later, rate limits and jobs). */
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /** pino log level. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /** Public origin used in share links and link-preview tags, e.g. https://ccm.example.cn. */
  CCM_PUBLIC_URL: url(['http:', 'https:']).optional(),
  /** Set when a TLS-terminating proxy sits in front: trust X-Forwarded-* and mark cookies Secure. */
  CCM_TRUST_PROXY: bool.default(false),
  /** Where personal information is stored. PIPL art. 40: it must be a mainland China region. */
  CCM_STORAGE_REGION: z
    .string()
    .regex(/^CN-[A-Z]{2}$/, { message: 'expected a mainland China region code such as CN-BJ (PIPL art. 40)' })
    .default('CN-BJ'),
  /** Who answers for children's personal information (a name or a role), named in the guardian notice. */
  CCM_CHILD_DATA_OFFICER: z
    .string()
    .min(2, { message: 'expected a name or role' })
    .max(80)
    .default('儿童个人信息保护负责人（合规部）'),
  /** Where people write about their personal information: questions, corrections, complaints. */
  CCM_PRIVACY_CONTACT: z
    .string()
    .min(3, { message: 'expected an email address or another contact' })
    .max(120)
    .default('privacy@ccm.example.cn'),
  /** Largest request body accepted, in bytes. */
  CCM_BODY_LIMIT: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  /** Fill an empty database with demo content at start. */
  CCM_SEED_DEMO: bool.default(true),
  /** Serve the web app from this instance; off for API-only instances behind a separate web tier. */
  CCM_SERVE_WEB: bool.default(true),
  /**
   * Keys for personal fields at rest: `id:base64,id:base64` (32-byte keys), the first encrypts and
   * the others still decrypt. Unset: a key file is generated in the data directory (embedded use).
   */
  CCM_FIELD_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)*$/, {
      message:
        'expected id:base64-key pairs separated by commas, each key 32 bytes (openssl rand -base64 32)',
    })
    .optional(),
  /** Key of the blind indexes (HMAC) used to look up encrypted fields; 32 bytes, base64. */
  CCM_BLIND_INDEX_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'expected a 32-byte key in base64 (openssl rand -base64 32)' })
    .optional(),
  /** Where SMS messages go: the development outbox file, or a real gateway (CCM_SMS_GATEWAY_*). */
  CCM_SMS_PROVIDER: z
    .enum(['outbox', 'gateway'], { message: 'expected outbox or gateway' })
    .default('outbox'),
  /** The SMS gateway's HTTP endpoint, access key id and secret (when CCM_SMS_PROVIDER=gateway). */
  CCM_SMS_GATEWAY_URL: url(['http:', 'https:']).optional(),
  CCM_SMS_GATEWAY_KEY_ID: z.string().min(1).optional(),
  CCM_SMS_GATEWAY_SECRET: z
    .string()
    .min(16, { message: 'expected a secret of at least 16 characters' })
    .optional(),
  /** The signature name registered with the gateway, shown in 【】 at the start of each message. */
  CCM_SMS_SIGN_NAME: z.string().min(2).max(12).default('工程机械CCM'),
  /**
   * Sign in with Apple (OpenID Connect): the issuer discovered at start of a sign-in, the Services
   * ID and the client secret (the ES256 JWT generated from the team's key). Offered when both are set.
   */
  CCM_APPLE_ISSUER: url(['https:', 'http:']).default('https://appleid.apple.com'),
  CCM_APPLE_CLIENT_ID: z.string().min(1).optional(),
  CCM_APPLE_CLIENT_SECRET: z.string().min(1).optional(),
  /** WeChat website login (open platform): app id and secret. Offered when both are set. */
  CCM_WECHAT_APP_ID: z.string().min(1).optional(),
  CCM_WECHAT_APP_SECRET: z.string().min(1).optional(),
  /** WeChat's authorisation page and API hosts (tests point them at a local server). */
  CCM_WECHAT_BASE_URL: url(['https:', 'http:']).default('https://open.weixin.qq.com'),
  CCM_WECHAT_API_BASE_URL: url(['https:', 'http:']).default('https://api.weixin.qq.com'),
  /** Seconds a published article stays in the in-process read cache. */
  CCM_CONTENT_CACHE_TTL: int(0, 3600).default(30),
  /** How often the publish job looks for scheduled articles whose time has come. */
  CCM_PUBLISH_INTERVAL_MS: int(200, 3_600_000).default(15_000),
  /** The largest article picture accepted for upload (bytes). */
  CCM_ARTICLE_IMAGE_MAX_BYTES: int(1024, 50 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Largest avatar upload accepted, in bytes (the image is re-encoded to a small WebP anyway). */
  CCM_AVATAR_MAX_BYTES: int(1024, 20 * 1024 * 1024).default(5 * 1024 * 1024),
  /**
   * SMS codes one client address (an IPv4 address or an IPv6 /64) may request a day. Raise it for
   * networks many people share behind one address, or for a browser test run from one machine.
   */
  CCM_SMS_IP_PER_DAY: int(1, 100_000).default(30),
});

const checked = schema.superRefine((c, ctx) => {
  if (Boolean(c.CCM_FIELD_KEYS) !== Boolean(c.CCM_BLIND_INDEX_KEY)) {
    const missing = c.CCM_FIELD_KEYS ? 'CCM_BLIND_INDEX_KEY' : 'CCM_FIELD_KEYS';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'expected together with the other key setting, or neither',
    });
  }
  if (c.CCM_SMS_PROVIDER === 'gateway') {
    for (const name of ['CCM_SMS_GATEWAY_URL', 'CCM_SMS_GATEWAY_KEY_ID', 'CCM_SMS_GATEWAY_SECRET'] as const) {
      if (!c[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when CCM_SMS_PROVIDER=gateway' });
    }
  }
});

export type Config = z.output<typeof schema> & { dataDir: string };

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}\n` +
        'Fix the environment variables above and start again (README: Configuration).',
    );
    this.name = 'ConfigError';
  }
}

/** Reads and validates the settings; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = checked.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })),
    );
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.CCM_DATA_DIR) };
}
