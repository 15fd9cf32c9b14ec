/**
 * Reserving a block of article ids from the identity sequence, so bulk loads can write articles
 * and their tag/brand links with known ids (COPY and OVERRIDING SYSTEM VALUE both accept explicit
 * values for a GENERATED ALWAYS identity column).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/**
 * Returns the first id of `count` consecutive ids nobody else will be given. Inside one short
 * transaction, an EXCLUSIVE lock on `articles` holds off concurrent INSERTs (they take ROW
 * EXCLUSIVE before drawing from the sequence), reads stay unblocked, and the sequence is moved
 * past the block. The floor at max(id) + 1 covers rows once written with explicit ids.
 */
export async function reserveArticleIds(db: Db, count: number): Promise<number> {
  if (count <= 0) throw new Error('reserveArticleIds needs a positive count');
  return db.transaction(async (tx) => {
    const t: Db = tx;
    await t.execute(sql`LOCK TABLE articles IN EXCLUSIVE MODE`);
    const [row] = await queryRows<{ next: number; max: number }>(
      t,
      sql`SELECT nextval(pg_get_serial_sequence('articles', 'id'))::bigint AS next,
                 (SELECT coalesce(max(id), 0) FROM articles)::bigint AS max`,
    );
    const first = Math.max(Number(row.next), Number(row.max) + 1);
    const last = first + count - 1;
    if (!Number.isSafeInteger(last)) throw new Error('article ids would exceed the safe integer range');
    // is_called = true: the next nextval() returns last + 1.
    await t.execute(sql`SELECT setval(pg_get_serial_sequence('articles', 'id'), ${last}, true)`);
    return first;
  });
}
