/**
 * A member's rows in every table, found through the personal-data annotations alone: the one way
 * the privacy engine (export, erasure, its verification run) reaches data it does not own. A table
 * a later capability adds is covered as soon as it declares its `subject` column.
 */
import { type Column, eq, getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type ColumnDeclaration, declarationOf, type TableDeclaration } from './personal-data.ts';

export interface SubjectTable {
  table: Table;
  /** The SQL name of the table. */
  name: string;
  /** The column holding the member's user id. */
  subjectColumn: Column;
  declaration: TableDeclaration;
  /** Property name → column, with its declaration. */
  columns: { key: string; column: Column; declaration: ColumnDeclaration }[];
}

/** Tables whose rows belong to one member (staff tables and subject-less tables are left out). */
export function memberSubjectTables(tables: Table[]): SubjectTable[] {
  const found: SubjectTable[] = [];
  for (const table of tables) {
    const declaration = declarationOf(table);
    if (!declaration?.subject || (declaration.subjectKind ?? 'member') !== 'member') continue;
    const byKey = getTableColumns(table);
    const subjectColumn = byKey[declaration.subject];
    if (!subjectColumn)
      throw new Error(`${getTableName(table)}: subject ${declaration.subject} is not a column`);
    found.push({
      table,
      name: getTableName(table),
      subjectColumn,
      declaration,
      columns: Object.entries(byKey).map(([key, column]) => ({
        key,
        column,
        declaration: declaration.columns[key],
      })),
    });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every row of `userId` in one table, keyed by property name. */
export async function subjectRows(
  db: Db,
  st: SubjectTable,
  userId: number,
): Promise<Record<string, unknown>[]> {
  // biome-ignore lint/suspicious/noExplicitAny: the table is only known at run time, by its annotations.
  return (await (db as any).select().from(st.table).where(eq(st.subjectColumn, userId))) as Record<
    string,
    unknown
  >[];
}
