/**
 * The round trip to a provider: the providers offered, /start (302 to the provider) and the
 * callback (302 to returnTo signed in, or to the web app's /bind-phone page).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cookieOptions } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember, setSessionCookies } from '../accounts/guard.ts';
import { deviceOf } from '../accounts/routes.ts';
import { browserKey, startFlow } from './flows.ts';
import type { IdentityProvider } from './providers/index.ts';
import { CallbackQuery, ProviderOut, ProviderParams, StartQuery } from './schemas.ts';
import { finishSignIn } from './sign-in.ts';
import type { ProviderId } from './tables.ts';

/** The random key of the browser that starts a sign-in (flows.ts), scoped to the OAuth paths. */
const BROWSER_COOKIE = 'ccm_oauth';
const redirect = z.null().describe('redirect; see the Location header');
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export async function signInRoutes(
  app: FastifyInstance,
  options: { providers: Map<ProviderId, IdentityProvider> },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const { providers } = options;
  const oauthPath = `${app.prefix}/auth/oauth`;

  const providerOf = (id: string): IdentityProvider => {
    const provider = providers.get(id as ProviderId);
    if (!provider)
      throw new AppError('oauth.provider_unknown', `No sign-in through "${id}" is offered here.`);
    return provider;
  };

  // The provider checks it against the registered redirect URIs, so a forged Host header only
  // makes the provider refuse the request.
  const callbackUrl = (req: FastifyRequest, provider: ProviderId) => {
    const origin = ctx.config.CCM_PUBLIC_URL?.replace(/\/+$/, '') ?? `${req.protocol}://${req.host}`;
    return `${origin}${oauthPath}/${provider}/callback`;
  };

  r.get(
    '/auth/providers',
    {
      schema: {
        operationId: 'listAuthProviders',
        tags: ['auth'],
        summary: 'Third-party sign-in providers configured here',
        response: { 200: z.array(ProviderOut) },
      },
    },
    async () => [...providers.values()].map((p) => ({ id: p.id, name: p.name })),
  );

  r.get(
    '/auth/oauth/:provider/start',
    {
      schema: {
        operationId: 'startOAuthSignIn',
        tags: ['auth'],
        summary: 'Go to the provider to sign in (302); returnTo is a path of this site to come back to',
        params: ProviderParams,
        querystring: StartQuery,
        response: { 302: redirect, ...problemResponses(400, 404, 502) },
      },
    },
    async (req, reply) => {
      const provider = providerOf(req.params.provider);
      const browser = browserKey(req.cookies[BROWSER_COOKIE]);
      const url = await startFlow(ctx, provider, {
        redirectUri: callbackUrl(req, provider.id),
        returnTo: req.query.returnTo,
        browserKey: browser.key,
      });
      // Set again each time, so that it outlives this attempt whenever it was first made.
      reply.setCookie(BROWSER_COOKIE, browser.key, { ...cookieOptions(req, 86_400), path: oauthPath });
      return noStore(reply).redirect(url.href, 302);
    },
  );

  r.post(
    '/auth/oauth/:provider/link',
    {
      preHandler: requireMember(app),
      schema: {
        operationId: 'startOAuthLink',
        tags: ['auth'],
        summary: 'Link a provider to the signed-in account: the address to send the browser to',
        security: [{ bearer: [] }, { session: [] }],
        params: ProviderParams,
        body: z.object({ returnTo: StartQuery.shape.returnTo }),
        response: { 200: z.object({ url: z.string() }), ...problemResponses(400, 401, 403, 404, 502) },
      },
    },
    async (req, reply) => {
      const provider = providerOf(req.params.provider);
      const browser = browserKey(req.cookies[BROWSER_COOKIE]);
      const url = await startFlow(ctx, provider, {
        redirectUri: callbackUrl(req, provider.id),
        returnTo: req.body.returnTo,
        browserKey: browser.key,
        linkUserId: req.member!.userId,
      });
      reply.setCookie(BROWSER_COOKIE, browser.key, { ...cookieOptions(req, 86_400), path: oauthPath });
      return noStore(reply).send({ url: url.href });
    },
  );

  r.get(
    '/auth/oauth/:provider/callback',
    {
      schema: {
        operationId: 'finishOAuthSignIn',
        tags: ['auth'],
        summary:
          'Where the provider sends the browser back: signs in (302 to returnTo) or, for an identity ' +
          'not linked yet, 302 to /bind-phone?link=<id>',
        params: ProviderParams,
        querystring: CallbackQuery,
        response: { 302: redirect, ...problemResponses(400, 403, 404, 502) },
      },
    },
    async (req, reply) => {
      const provider = providerOf(req.params.provider);
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(req.query)) if (value !== undefined) params.set(key, value);
      const outcome = await finishSignIn(ctx, provider, {
        params,
        browserKey: req.cookies[BROWSER_COOKIE],
        device: deviceOf(req),
      });
      noStore(reply);
      if (outcome.kind === 'pending')
        return reply.redirect(`/bind-phone?link=${encodeURIComponent(outcome.linkId)}`, 302);
      if (outcome.kind === 'signed-in') setSessionCookies(req, reply, outcome.token);
      if (outcome.kind === 'link-refused') {
        const back = new URL(outcome.returnTo, 'http://app.invalid');
        back.searchParams.set('error', outcome.code);
        return reply.redirect(`${back.pathname}${back.search}`, 302);
      }
      return reply.redirect(outcome.returnTo, 302);
    },
  );

  // Apple answers with a form POST (response_mode=form_post). A cross-site POST carries no
  // SameSite=Lax cookie, so the browser check cannot run here: the answer is handed to the GET
  // callback by a 303, a top-level GET navigation that does carry it. Only the fields the GET
  // callback reads pass; Apple's `user` field (the name, first sign-in only) is dropped.
  await app.register(async (formScope) => {
    formScope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16_384 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    formScope.withTypeProvider<ZodTypeProvider>().post(
      '/auth/oauth/:provider/callback',
      {
        schema: {
          operationId: 'receiveOAuthFormPost',
          consumes: ['application/x-www-form-urlencoded'],
          tags: ['auth'],
          summary: 'The provider’s form_post answer, handed on to the GET callback (303)',
          params: ProviderParams,
          body: CallbackQuery.loose(),
          response: { 303: redirect, ...problemResponses(400, 404, 415) },
        },
      },
      async (req, reply) => {
        const provider = providerOf(req.params.provider);
        const params = new URLSearchParams();
        for (const key of Object.keys(CallbackQuery.shape) as (keyof typeof CallbackQuery.shape)[]) {
          const value = req.body[key];
          if (typeof value === 'string') params.set(key, value);
        }
        return noStore(reply).redirect(`${oauthPath}/${provider.id}/callback?${params}`, 303);
      },
    );
  });
}
