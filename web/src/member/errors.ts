/**
 * What the account screens say for each refusal: by stable code, and per field for validation
 * errors (the server's `errors[].path`). Server messages for known rules are shown in the reader's
 * language; an unknown rule shows the server's own message rather than nothing.
 */
import type { I18n, MessageKey } from '../i18n/index.tsx';
import { ApiError } from '../shared/api.ts';

const BY_CODE: Record<string, MessageKey> = {
  'auth.invalid_credentials': 'auth.error.invalidCredentials',
  'account.phone_taken': 'auth.error.phoneTaken',
  'sms.code_invalid': 'auth.error.codeInvalid',
  'sms.code_expired': 'auth.error.codeExpired',
  'sms.too_many_attempts': 'auth.error.codeTooManyAttempts',
  'profile.nickname_taken': 'profile.error.nicknameTaken',
  'profile.banned_word': 'profile.error.bannedWord',
  'profile.avatar_type': 'profile.error.avatarType',
  'profile.avatar_unreadable': 'profile.error.avatarUnreadable',
  'profile.avatar_too_large': 'profile.error.avatarTooLarge',
  'request.body_too_large': 'profile.error.avatarTooLarge',
  'request.unsupported_media_type': 'profile.error.avatarType',
  'auth.csrf_failed': 'auth.error.csrf',
  'auth.unauthenticated': 'auth.error.signedOut',
  'oauth.link_expired': 'bind.error.expired',
  'validation.failed': 'form.error.check',
};

/** "30 秒" / "15 分钟": how long to wait, rounded up to what people read. */
export function waitText(i18n: I18n, seconds: number | undefined): string {
  const s = Math.max(1, Math.ceil(seconds ?? 60));
  return s < 90 ? i18n.t('time.seconds', { n: s }) : i18n.t('time.minutes', { n: Math.ceil(s / 60) });
}

/** One sentence for a failed request; `overrides` gives a screen its own words for a code. */
export function errorMessage(
  i18n: I18n,
  err: unknown,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  if (!(err instanceof ApiError)) return i18n.t('error.server');
  const key = overrides[err.code] ?? BY_CODE[err.code];
  if (key) return i18n.t(key);
  if (err.code === 'rate_limited' || err.status === 429)
    return i18n.t('auth.error.rateLimited', { wait: waitText(i18n, err.retryAfterSeconds) });
  if (err.status === 413) return i18n.t('profile.error.avatarTooLarge');
  if (err.status === 415) return i18n.t('profile.error.avatarType');
  if (err.status === 0) return i18n.t('error.network');
  if (err.status === 404) return i18n.t('form.error.unavailable');
  return i18n.t('error.server');
}

/** Known server rules, by what their message says, in the reader's language. */
const RULES: [RegExp, MessageKey][] = [
  [/at least 8/i, 'field.password.short'],
  [/at most 128/i, 'field.password.long'],
  [/too common|too simple/i, 'field.password.common'],
  [/6-digit/i, 'field.code.format'],
  [/mainland mobile|E\.164/i, 'field.phone.invalid'],
  [/account purpose is required|expected true to sign in/i, 'consent.error.required'],
  [/policy version/i, 'consent.error.version'],
  [/expected \d+ to \d+ characters/i, 'field.nickname.length'],
  [/only letters, digits/i, 'field.nickname.chars'],
  [/already in use/i, 'profile.error.nicknameTaken'],
  [/word that is not allowed/i, 'profile.error.bannedWord'],
  [/in the future/i, 'field.birthday.future'],
  [/YYYY-MM-DD|not a date|1900-01-01 or later/i, 'field.birthday.invalid'],
  [/at most 200 characters/i, 'field.bio.long'],
];

/**
 * Validation errors by field: `body.password` → `password`, `body.consents.account` →
 * `consents.account`. Empty for any other error.
 */
export function fieldErrors(i18n: I18n, err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.problem?.errors ?? []) {
    const field = e.path.replace(/^(body|query|params)\./, '');
    const rule = RULES.find(([pattern]) => pattern.test(e.message));
    out[field] ??= rule ? i18n.t(rule[1]) : e.message;
  }
  return out;
}
