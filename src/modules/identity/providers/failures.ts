/**
 * Turns what goes wrong while talking to a provider into the catalogue's codes: an answer that does
 * not verify is the client's problem (400 oauth.token_invalid), an unreachable provider ours (502).
 */
import * as client from 'openid-client';
import { AppError } from '../../../platform/errors.ts';

const UNREACHABLE = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM']);

export const tokenInvalid = (detail = 'The sign-in could not be verified. Start again.') =>
  new AppError('oauth.token_invalid', detail);

export const unavailable = () =>
  new AppError('oauth.provider_unavailable', 'The sign-in provider cannot be reached. Try again later.');

/** True for a network failure of fetch (undici throws a TypeError "fetch failed"). */
function isNetworkFailure(err: unknown): boolean {
  if (err instanceof TypeError) return /fetch failed/i.test(err.message);
  return err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** The AppError for a failure, keeping the original as `cause` for the log (never sent). */
export function providerFailure(err: unknown): Error {
  if (err instanceof AppError) return err;
  const mapped = classify(err);
  if (mapped !== err) mapped.cause = err;
  return mapped;
}

function classify(err: unknown): Error {
  if (isNetworkFailure(err)) return unavailable();
  if (err instanceof client.ClientError && err.code && UNREACHABLE.has(err.code)) return unavailable();
  // The token endpoint refused the code (invalid_grant: used, expired, wrong PKCE verifier), or
  // the ID token failed a check (signature, issuer, audience, nonce, expiry).
  if (
    err instanceof client.ResponseBodyError ||
    err instanceof client.AuthorizationResponseError ||
    err instanceof client.ClientError
  ) {
    return tokenInvalid();
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * A short description of a provider failure for the log: library messages and OAuth error codes,
 * never tokens or claims (the libraries' error objects may hold them in other fields).
 */
export function failureReason(err: unknown): { reason: string; code?: string } {
  if (err instanceof AppError && err.cause !== undefined) return failureReason(err.cause);
  if (err instanceof client.ResponseBodyError) return { reason: 'token endpoint refused', code: err.error };
  if (err instanceof client.ClientError) return { reason: err.message, code: err.code };
  if (err instanceof Error) return { reason: err.message };
  return { reason: 'unknown' };
}
