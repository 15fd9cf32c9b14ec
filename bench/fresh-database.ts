/**
 * A database of its own for a bench part, dropped and created again on each run, beside the main
 * bench database: what the part writes (append-only logs included) never piles up anywhere.
 */
import pg from 'pg';

export async function freshDatabase(dbUrl: string, suffix: string): Promise<string> {
  const url = new URL(dbUrl);
  url.pathname = `/${url.pathname.slice(1)}_${suffix}`;
  const name = url.pathname.slice(1).replace(/"/g, '');
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(dbUrl), { pathname: '/postgres' }).href,
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return url.href;
}
