/**
 * buildApp(options) assembles CCM's HTTP application. It never listens: the server entry point
 * (main.ts) does, and tests use `inject`.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import type { Database } from './db/client.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { flushSeen } from './modules/accounts/sessions.ts';
import { SignInRunner } from './modules/accounts/sign-in-runner.ts';
import { auditConsoleRoutes } from './modules/audit/routes.ts';
import { commentConsoleRoutes } from './modules/comments/console-routes.ts';
import { commentRoutes } from './modules/comments/routes.ts';
import { consentConsoleRoutes } from './modules/consent/console-routes.ts';
import { consentRoutes } from './modules/consent/routes.ts';
import { ensurePolicy } from './modules/consent/service.ts';
import { contentConsoleRoutes } from './modules/content/console-routes.ts';
import { pinConsoleRoutes } from './modules/content/pins-routes.ts';
import { contentRoutes } from './modules/content/routes.ts';
import { editorialRoutes } from './modules/editorial/routes.ts';
import { engagementRoutes } from './modules/engagement/routes.ts';
import { erasureConsoleRoutes } from './modules/erasure/console-routes.ts';
import { erasureRoutes } from './modules/erasure/routes.ts';
import { exportRoutes } from './modules/exports/routes.ts';
import { guardianRoutes } from './modules/guardian/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { incidentConsoleRoutes } from './modules/incidents/console-routes.ts';
import { incidentRoutes } from './modules/incidents/routes.ts';
import { stopCollectionWhenEnding } from './modules/incidents/service-end.ts';
import { locationRoutes } from './modules/location/routes.ts';
import { memberConsoleRoutes } from './modules/members/routes.ts';
import { privacyRoutes } from './modules/privacy/routes.ts';
import { profileRoutes } from './modules/profile/routes.ts';
import { rankingParamsConsoleRoutes } from './modules/recommendations/params-routes.ts';
import { recommendationRoutes } from './modules/recommendations/routes.ts';
import { requestConsoleRoutes } from './modules/requests/console-routes.ts';
import { requestRoutes } from './modules/requests/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { type SmsProvider, smsProviderFromConfig } from './modules/sms/provider.ts';
import { smsRoutes } from './modules/sms/routes.ts';
import { consoleRoutes } from './modules/staff/routes.ts';
import { webRoutes } from './modules/web/routes.ts';
import { CacheBus } from './platform/cache.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { type Keyring, loadKeyringFromConfig } from './platform/field-crypto.ts';
import { installErrorHandling, notFound, requestId } from './platform/http.ts';
import { createLogger } from './platform/logging.ts';

export interface BuildAppOptions {
  config: Config;
  /** A connected, migrated database. */
  database: Database;
  logger?: Logger;
  clock?: Clock;
  caches?: CacheBus;
  keyring?: Keyring;
  sms?: SmsProvider;
  /** Close the database and caches when the app closes (the server does; tests share them). */
  ownsResources?: boolean;
  /** Serve the built web app from this directory (API-only tests leave it out). */
  webDistDir?: string;
  /**
   * Run password sign-ins in the sign-in process (accounts/sign-in-runner.ts). Only where
   * `config.DATABASE_URL` names the app's own database: the process connects there itself.
   */
  signInProcess?: boolean;
}

export const API_PREFIX = '/api/v1';

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger(config.LOG_LEVEL)) as FastifyBaseLogger,
    genReqId: requestId,
    bodyLimit: config.CCM_BODY_LIMIT,
    trustProxy: config.CCM_TRUST_PROXY,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });

  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock: options.clock ?? systemClock,
    caches: options.caches ?? (await CacheBus.create(config.REDIS_URL)),
    keyring: options.keyring ?? loadKeyringFromConfig(config).keyring,
    sms: options.sms ?? (await smsProviderFromConfig(config)),
    log: app.log,
  };
  app.decorate('ctx', ctx);
  if (options.signInProcess) {
    const signIns = new SignInRunner(config);
    signIns.start();
    ctx.signIns = signIns;
    app.addHook('onClose', async () => signIns.close());
  }
  // Every database has a policy in force before the first request (modules/consent).
  await ensurePolicy(database.db, ctx.clock.now());
  app.addHook('onClose', async () => {
    // Last-seen times waiting for their timed write (accounts/sessions.ts) are written first.
    await flushSeen(database.db);
    if (options.ownsResources) {
      await ctx.caches.close();
      await database.close();
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON is the only body type until a route declares another (multipart uploads add their own).
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CCM API',
        version: '1.0.0',
        description:
          'The public HTTP API of CCM, the construction-machinery information app. Errors are ' +
          'application/problem+json with a stable `code`.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'ccm_session' },
          staffSession: { type: 'apiKey', in: 'cookie', name: 'ccm_staff' },
          guardianSession: { type: 'apiKey', in: 'cookie', name: 'ccm_guardian' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes);
  // Before any route: once the end of the service is announced, nothing new is collected.
  stopCollectionWhenEnding(app);
  await app.register(contentRoutes, { prefix: API_PREFIX });
  await app.register(engagementRoutes, { prefix: API_PREFIX });
  await app.register(recommendationRoutes, { prefix: API_PREFIX });
  await app.register(searchRoutes, { prefix: API_PREFIX });
  await app.register(locationRoutes, { prefix: API_PREFIX });
  await app.register(smsRoutes, { prefix: API_PREFIX });
  await app.register(accountRoutes, { prefix: API_PREFIX });
  await app.register(identityRoutes, { prefix: API_PREFIX });
  await app.register(privacyRoutes, { prefix: API_PREFIX });
  await app.register(profileRoutes, { apiPrefix: API_PREFIX });
  await app.register(guardianRoutes, { prefix: API_PREFIX });
  await app.register(exportRoutes, { prefix: API_PREFIX });
  await app.register(consoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(editorialRoutes, { apiPrefix: API_PREFIX });
  await app.register(contentConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(pinConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(rankingParamsConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(memberConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(incidentRoutes, { prefix: API_PREFIX });
  await app.register(incidentConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(requestRoutes, { prefix: API_PREFIX });
  await app.register(requestConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(auditConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(erasureRoutes, { prefix: API_PREFIX });
  await app.register(erasureConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(consentRoutes, { prefix: API_PREFIX });
  await app.register(consentConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  await app.register(commentRoutes, { prefix: API_PREFIX });
  await app.register(commentConsoleRoutes, { prefix: `${API_PREFIX}/console` });
  if (options.webDistDir) await app.register(webRoutes, { distDir: options.webDistDir });
  else app.setNotFoundHandler(notFound);

  return app;
}
