/**
 * Sign in with Apple, through OpenID Connect (openid-client): the issuer's metadata is discovered
 * once per process, every request carries state, nonce and a PKCE S256 challenge, and the library
 * verifies the ID token (signature from the issuer's JWKS, issuer, audience, expiry, nonce).
 *
 * Apple answers with response_mode=form_post whenever scopes are requested; routes.ts turns that
 * POST into the GET callback. Apple sends the person's name only in that first POST's `user` field,
 * never in the ID token, so a nickname is offered only by providers that put `name` in the token.
 */
import * as client from 'openid-client';
import { providerFailure, tokenInvalid } from './failures.ts';
import { type AuthorizationStart, type CallbackInput, type IdentityProvider, text } from './types.ts';

export interface AppleSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export class AppleProvider implements IdentityProvider {
  readonly id = 'apple' as const;
  private configuration?: Promise<client.Configuration>;

  constructor(
    readonly name: string,
    private readonly settings: AppleSettings,
  ) {}

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Plain HTTP is allowed only when the issuer itself is configured so (a local test provider).
    const insecure = new URL(issuer).protocol === 'http:';
    this.configuration ??= client
      .discovery(new URL(issuer), clientId, clientSecret, client.ClientSecretPost(clientSecret), {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.configuration = undefined; // try again on the next sign-in
        throw providerFailure(err);
      });
    return this.configuration;
  }

  async begin(redirectUri: string): Promise<AuthorizationStart> {
    const config = await this.discover();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      response_type: 'code',
      response_mode: 'form_post',
      scope: 'openid email name',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, state, nonce, codeVerifier };
  }

  async finish(callback: CallbackInput) {
    const config = await this.discover();
    // The library takes the redirect URI from this URL, so it is the one of the request.
    const current = new URL(callback.redirectUri);
    for (const [key, value] of callback.params) current.searchParams.append(key, value);
    const tokens = await client
      .authorizationCodeGrant(config, current, {
        pkceCodeVerifier: callback.codeVerifier ?? undefined,
        expectedState: callback.state,
        expectedNonce: callback.nonce ?? undefined,
        idTokenExpected: true,
      })
      .catch((err: unknown) => {
        throw providerFailure(err);
      });
    const claims = tokens.claims();
    if (!claims?.sub) throw tokenInvalid();
    return {
      subject: claims.sub,
      email: text(claims.email, 254),
      nickname: text(claims.name, 30),
      avatarUrl: text(claims.picture, 1000),
    };
  }
}
