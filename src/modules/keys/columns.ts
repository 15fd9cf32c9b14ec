/**
 * Which columns hold ciphertext, found from the personal-data annotations (`encrypted:
 * '<context>'`), and the primary key each table is paged by. In a member table (one with a member
 * `subject`) the values belong under the member's data key (member-keys.ts); elsewhere (rows that
 * belong to no member yet) under the keyring.
 */
import { getTableColumns, type Table } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { declarationOf } from '../../platform/personal-data.ts';

export interface EncryptedColumn {
  /** Property name in the table definition (what Drizzle's update().set() takes). */
  key: string;
  column: PgColumn;
  /** The associated data the values were encrypted with. */
  context: string;
}

export interface EncryptedTable {
  table: PgTable;
  name: string;
  primaryKey: PgColumn[];
  columns: EncryptedColumn[];
  /** The column naming the member whose data key the values are under; none: the keyring. */
  subject?: PgColumn;
}

function primaryKeyOf(table: PgTable): PgColumn[] {
  const config = getTableConfig(table);
  const single = config.columns.filter((c) => c.primary);
  if (single.length > 0) return single;
  const composite = config.primaryKeys[0]?.columns;
  if (composite?.length) return composite;
  throw new Error(`table ${config.name} has encrypted columns but no primary key to page by`);
}

export function encryptedTables(tables: Table[]): EncryptedTable[] {
  const found: EncryptedTable[] = [];
  for (const table of tables as PgTable[]) {
    const declaration = declarationOf(table);
    const declared = declaration?.columns ?? {};
    const byKey = getTableColumns(table);
    const member = declaration?.subject && (declaration.subjectKind ?? 'member') === 'member';
    const columns = Object.entries(byKey).flatMap(([key, column]) => {
      const d = declared[key];
      return d?.personal && d.encrypted ? [{ key, column: column as PgColumn, context: d.encrypted }] : [];
    });
    if (columns.length > 0)
      found.push({
        table,
        name: getTableConfig(table).name,
        primaryKey: primaryKeyOf(table),
        columns,
        ...(member ? { subject: byKey[declaration.subject!] as PgColumn } : {}),
      });
  }
  return found;
}
