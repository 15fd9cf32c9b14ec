/** Helpers for the members tests: console users and the access log as rows. */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { uid } from '../../testing/factories.ts';
import { consoleUser } from '../profile/testing.ts';
import type { StaffRole } from '../staff/tables.ts';
import { staffAccessLog } from './tables.ts';

export const MEMBERS = '/api/v1/console/members';

export type ConsoleUser = Awaited<ReturnType<typeof consoleUser>>;

/** A signed-in staff member of the role, with the `inject` options for safe and unsafe requests. */
export async function staffOf(app: FastifyInstance, role: StaffRole) {
  const user = await consoleUser(app, role);
  return {
    ...user,
    get: (url: string) => app.inject({ url, cookies: user.cookies }),
    post: (url: string, payload: object) =>
      app.inject({ method: 'POST', url, cookies: user.cookies, headers: user.headers, payload }),
  };
}

/** What the staff member did, newest first, read straight from the table. */
export async function logOf(app: FastifyInstance, staffId: number) {
  return app.ctx.db
    .select()
    .from(staffAccessLog)
    .where(eq(staffAccessLog.staffId, staffId))
    .orderBy(desc(staffAccessLog.id));
}

export const nicknameOf = (prefix: string) => `${prefix}${uid()}`;

/** 13912345678 for +8613912345678. */
export const national = (e164: string) => e164.slice(3);
export const masked = (e164: string) => `${e164.slice(3, 6)}****${e164.slice(10)}`;
