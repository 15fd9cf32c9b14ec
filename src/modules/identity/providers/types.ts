/** What CCM needs from a third-party sign-in provider, whatever its protocol. */
import type { ProviderId } from '../tables.ts';

/** What the provider says about the person; only `subject` is always there. */
export interface ProviderProfile {
  /** The provider's stable user id (Apple `sub`, WeChat unionid or openid). */
  subject: string;
  nickname?: string;
  avatarUrl?: string;
  email?: string;
}

/** An authorisation request, and the values the callback must check it against. */
export interface AuthorizationStart {
  url: URL;
  state: string;
  /** OpenID Connect only: the ID token must carry it back. */
  nonce: string | null;
  /** PKCE (S256) verifier, when the provider supports PKCE. */
  codeVerifier: string | null;
}

export interface CallbackInput {
  /** The parameters of the authorisation response (code, state, iss...). */
  params: URLSearchParams;
  /** The redirect URI of the authorisation request, sent again with the code. */
  redirectUri: string;
  state: string;
  nonce: string | null;
  codeVerifier: string | null;
}

export interface IdentityProvider {
  readonly id: ProviderId;
  /** Shown on the sign-in button. */
  readonly name: string;
  begin(redirectUri: string): Promise<AuthorizationStart>;
  /** Exchanges the code and returns the verified profile; throws oauth.* AppErrors. */
  finish(callback: CallbackInput): Promise<ProviderProfile>;
}

/** Trimmed text or undefined, for optional profile fields that providers fill unevenly. */
export function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? Array.from(trimmed).slice(0, max).join('') : undefined;
}
