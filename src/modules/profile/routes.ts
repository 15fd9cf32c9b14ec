/**
 * The profile capability: editing /me, the avatar, user tags and My Column (members), the banned
 * words (console) and the avatar files (/media). One registration in app.ts mounts all of it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/openapi.ts';
import { requireMember } from '../accounts/guard.ts';
import { meView } from '../accounts/profile.ts';
import { Me } from '../accounts/schemas.ts';
import { avatarRoutes } from './avatar-routes.ts';
import { bannedWordRoutes } from './console-routes.ts';
import { mediaRoutes } from './media-routes.ts';
import { getUserColumns, getUserTags, setUserColumns, setUserTags } from './preferences.ts';
import { ColumnsBody, ProfilePatch, TagsBody } from './schemas.ts';
import { updateProfile } from './service.ts';

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const Tags = z.object({ tags: z.array(z.string()) });
const Columns = z.object({ columns: z.array(z.string()) });

async function memberRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;
  const member = requireMember(app);

  r.patch(
    '/me',
    {
      preHandler: member,
      schema: {
        operationId: 'updateMe',
        tags: ['accounts'],
        summary: 'Change nickname, gender, birthday or bio; answers the updated profile',
        security,
        body: ProfilePatch,
        response: { 200: Me, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      await updateProfile(ctx, req.member!.userId, req.body);
      return meView(ctx, req.member!.userId);
    },
  );

  r.get(
    '/me/tags',
    {
      preHandler: member,
      schema: {
        operationId: 'getMyTags',
        tags: ['accounts'],
        summary: 'The industry subdivisions the member chose',
        security,
        response: { 200: Tags, ...problemResponses(401) },
      },
    },
    async (req) => ({ tags: await getUserTags(ctx.db, req.member!.userId) }),
  );

  r.put(
    '/me/tags',
    {
      preHandler: member,
      schema: {
        operationId: 'putMyTags',
        tags: ['accounts'],
        summary: 'Replace the member’s user tags',
        security,
        body: TagsBody,
        response: { 200: Tags, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ tags: await setUserTags(ctx.db, req.member!.userId, req.body.tags) }),
  );

  r.get(
    '/me/columns',
    {
      preHandler: member,
      schema: {
        operationId: 'getMyColumns',
        tags: ['accounts'],
        summary: 'My Column: the member’s columns in order (all columns until they choose)',
        security,
        response: { 200: Columns, ...problemResponses(401) },
      },
    },
    async (req) => ({ columns: await getUserColumns(ctx.db, req.member!.userId) }),
  );

  r.put(
    '/me/columns',
    {
      preHandler: member,
      schema: {
        operationId: 'putMyColumns',
        tags: ['accounts'],
        summary: 'Set My Column: the columns to show, in order',
        security,
        body: ColumnsBody,
        response: { 200: Columns, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ columns: await setUserColumns(ctx.db, req.member!.userId, req.body.columns) }),
  );
}

export async function profileRoutes(app: FastifyInstance, options: { apiPrefix: string }): Promise<void> {
  await app.register(memberRoutes, { prefix: options.apiPrefix });
  await app.register(avatarRoutes, { prefix: options.apiPrefix });
  await app.register(bannedWordRoutes, { prefix: `${options.apiPrefix}/console` });
  await app.register(mediaRoutes, { prefix: '/media' });
}
