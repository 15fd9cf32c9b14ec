/** Helpers for the comments tests: members who comment, and calls as they would make them. */
import type { FastifyInstance } from 'fastify';
import { makeMember, uid } from '../../testing/factories.ts';

export type Commenter = Awaited<ReturnType<typeof commenter>>;

/** A member with a nickname and a province, and the calls of the comments API in their name. */
export async function commenter(app: FastifyInstance, ipRegion = '北京') {
  const m = await makeMember(app, { nickname: uid('评论者'), ipRegion });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: m.headers, ...(payload ? { payload } : {}) });
  return {
    ...m,
    nickname: (await app.inject({ url: '/api/v1/me', headers: m.headers })).json().nickname as string,
    post: (articleId: number, body: string, replyTo?: number) =>
      call('POST', `/articles/${articleId}/comments`, replyTo ? { body, replyTo } : { body }),
    list: (articleId: number, cursor?: string) =>
      call('GET', `/articles/${articleId}/comments${cursor ? `?cursor=${cursor}` : ''}`),
    remove: (id: number) => call('DELETE', `/comments/${id}`),
    like: (id: number) => call('PUT', `/comments/${id}/like`),
    unlike: (id: number) => call('DELETE', `/comments/${id}/like`),
    report: (id: number, payload: object) => call('POST', `/comments/${id}/reports`, payload),
    mine: (cursor?: string) => call('GET', `/me/comments${cursor ? `?cursor=${cursor}` : ''}`),
    call,
  };
}

/** What an anonymous reader gets. */
export const readAnonymously = (app: FastifyInstance, articleId: number) =>
  app.inject({ url: `/api/v1/articles/${articleId}/comments` });
