/** Helpers for the profile tests: a signed-in console user, and multipart bodies for inject. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { makeStaff } from '../../testing/factories.ts';
import type { StaffRole } from '../staff/tables.ts';

/** A staff member of the role, signed in: cookies and the CSRF header for unsafe requests. */
export async function consoleUser(app: FastifyInstance, role: StaffRole) {
  const staff = await makeStaff(app.ctx.db, role);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/console/session',
    payload: { username: staff.username, password: staff.password },
  });
  if (res.statusCode !== 200) throw new Error(`console sign-in failed: ${res.statusCode}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  return { id: staff.id, cookies, headers: { 'x-csrf-token': res.json().csrfToken as string } };
}

/**
 * A signed-in console user of `role` as a function that calls the app with its session:
 * `(method, url, payload?)`, with the staff id as `.id`.
 */
export async function consoleCaller(app: FastifyInstance, role: StaffRole) {
  const user = await consoleUser(app, role);
  const call = (method: InjectOptions['method'], url: string, payload?: object) =>
    app.inject({ method, url, cookies: user.cookies, headers: user.headers, payload });
  return Object.assign(call, { id: user.id });
}

/** Bans a word through the console, as an editor would. */
export async function banWord(app: FastifyInstance, word: string, kind: 'nickname' | 'bio' | 'all') {
  const editor = await consoleUser(app, 'editor');
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/console/banned-words',
    ...editor,
    payload: { word, kind },
  });
  if (res.statusCode !== 201) throw new Error(`banning failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; word: string; createdBy: number };
}

/** A multipart/form-data body with one file part (what a browser's FormData sends). */
export function multipartBody(
  file: Buffer,
  { field = 'file', filename = 'avatar.jpg', type = 'image/jpeg' } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ccm${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
