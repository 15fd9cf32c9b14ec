/** Helpers for the rights-request tests: members and agents as the API sees them. */
import type { FastifyInstance } from 'fastify';
import { makeMember } from '../../testing/factories.ts';
import { consoleUser } from '../profile/testing.ts';
import type { StaffRole } from '../staff/tables.ts';

export const ME = '/api/v1/me/requests';
export const CONSOLE = '/api/v1/console/requests';
export const CALENDAR = '/api/v1/console/calendar';

export async function memberOf(app: FastifyInstance) {
  const m = await makeMember(app);
  return {
    ...m,
    open: (payload: object) => app.inject({ method: 'POST', url: ME, headers: m.headers, payload }),
    get: (url = ME) => app.inject({ url, headers: m.headers }),
  };
}

/** A signed-in staff member with inject helpers for every method. */
export async function agentOf(app: FastifyInstance, role: StaffRole) {
  const user = await consoleUser(app, role);
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, cookies: user.cookies, headers: user.headers, payload });
  return {
    ...user,
    get: (url: string) => app.inject({ url, cookies: user.cookies }),
    post: (url: string, payload: object = {}) => send('POST', url, payload),
    put: (url: string, payload: object) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}
