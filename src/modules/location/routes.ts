/**
 * Location routes. POST /geo/region turns a position into a region for anyone (stateless: the
 * position is neither logged, the logger keeps paths only, nor stored). /me/location keeps only the
 * member's region, under the separate `location` consent.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { requireConsent } from '../consent/guard.ts';
import { PROVINCES } from './regions.ts';
import { LangQuery, MyRegionOut, Position, ProvinceList, RegionOut } from './schemas.ts';
import { deleteMemberRegion, memberRegion, regionOf, regionView, setMemberRegion } from './service.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const tags = ['location'];

export async function locationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);

  r.get(
    '/regions',
    {
      schema: {
        operationId: 'listRegions',
        tags,
        summary: 'The provinces regional content is filed under (ids for GET /feed?region=)',
        querystring: LangQuery,
        response: { 200: ProvinceList, ...problemResponses(400) },
      },
    },
    async (req) =>
      PROVINCES.map((p) => ({
        id: p.id,
        name: req.query.lang === 'en' ? p.en : p.zh,
        nameZh: p.zh,
        nameEn: p.en,
      })),
  );

  r.post(
    '/geo/region',
    {
      schema: {
        operationId: 'regionOfPosition',
        tags,
        summary:
          'The province and city of a position (nearest known centre, approximate); nothing is stored or logged',
        querystring: LangQuery,
        body: Position,
        response: { 200: RegionOut, ...problemResponses(400, 422) },
      },
    },
    async (req) => regionView(regionOf(req.body.latitude, req.body.longitude), req.query.lang),
  );

  r.get(
    '/me/location',
    {
      preHandler: member,
      schema: {
        operationId: 'getMyLocation',
        tags,
        summary: 'The stored region; null without the location consent or when none is stored',
        security,
        querystring: LangQuery,
        response: { 200: MyRegionOut, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const region = await memberRegion(ctx, req.member!.userId);
      return region && regionView(region, req.query.lang);
    },
  );

  r.put(
    '/me/location',
    {
      preHandler: [member, requireConsent(app, 'location')],
      schema: {
        operationId: 'setMyLocation',
        tags,
        summary:
          'Turn the device position into a region and keep only the region (needs the location consent)',
        security,
        querystring: LangQuery,
        body: Position,
        response: { 200: RegionOut, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const region = regionOf(req.body.latitude, req.body.longitude);
      await setMemberRegion(ctx, req.member!.userId, region);
      return regionView(region, req.query.lang);
    },
  );

  r.delete(
    '/me/location',
    {
      preHandler: member,
      schema: {
        operationId: 'deleteMyLocation',
        tags,
        summary: 'Forget the stored region',
        security,
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await deleteMemberRegion(ctx, req.member!.userId);
      return reply.code(204).send(null);
    },
  );
}
