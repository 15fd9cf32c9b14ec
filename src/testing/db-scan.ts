/** Every row of every table as text, to prove that something is absent from the whole database. */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

export async function databaseText(db: Db): Promise<Map<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`SELECT row_to_json(t)::text AS row FROM ${sql.identifier(name)} t`,
    );
    out.set(name, rows.map((r) => r.row).join('\n'));
  }
  return out;
}

/** The tables whose text contains any of the needles. */
export async function tablesContaining(db: Db, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [table, text] of await databaseText(db)) {
    if (needles.some((n) => text.includes(n))) found.push(table);
  }
  return found;
}
