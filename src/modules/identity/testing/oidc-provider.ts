/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 standing in for Apple: one client
 * (the app's id, secret and callback), PKCE required, client_secret_post like Apple, test users
 * found by their login name, and the development login and consent forms.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../../testing/net.ts';
import { TINY_PNG } from './png.ts';

export interface TestUser {
  email?: string;
  name?: string;
  /** Served by this server at /avatar.png when true. */
  picture?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Test users by subject (the login typed into the development login form). */
  users: Map<string, TestUser>;
  close(): Promise<void>;
}

/**
 * oidc-provider warns on Node 20 ("Unsupported runtime") and about its development-only features
 * through console.warn and console.info. Those lines, and only those, are dropped while it runs;
 * errors are thrown, not printed, so nothing that fails is hidden.
 */
function silenceProviderNotices(): () => void {
  const { warn, info } = console;
  const quiet =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /^oidc-provider (WARNING|NOTICE):/.test(args[0])) return;
      write(...args);
    };
  console.warn = quiet(warn);
  console.info = quiet(info);
  return () => {
    console.warn = warn;
    console.info = info;
  };
}

export async function startOidcProvider(options: { redirectUri: string }): Promise<TestOidcProvider> {
  const restore = silenceProviderNotices();
  const { default: Provider } = await import('oidc-provider');
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'ccm-web';
  const clientSecret = 'a-test-client-secret-of-some-length';
  const users = new Map<string, TestUser>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    // Apple's scopes: "email" and "name". The picture stands in for providers that offer one.
    claims: { openid: ['sub'], email: ['email', 'email_verified'], name: ['name', 'picture'] },
    // Like Apple, put the claims in the ID token rather than only behind the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ['ccm-test-cookie-key-0123456789abcdef'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(user.email ? { email: user.email, email_verified: true } : {}),
            ...(user.name ? { name: user.name } : {}),
            ...(user.picture ? { picture: `${issuer}/avatar.png` } : {}),
          };
        },
      };
    },
  });
  const handle = provider.callback();
  const server = http.createServer((req, res) => {
    if (req.url === '/avatar.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': TINY_PNG.length });
      res.end(TINY_PNG);
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  if ((server.address() as AddressInfo).port !== port) throw new Error('the provider did not get its port');

  return {
    issuer,
    clientId,
    clientSecret,
    users,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      restore();
    },
  };
}
