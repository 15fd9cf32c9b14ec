import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { allTables } from '../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../testing/harness.ts';
import { buildInventory, inventoryMarkdown } from './inventory.ts';
import {
  CATEGORIES,
  ccmTable,
  declarationOf,
  findUndeclaredColumns,
  notPersonal,
  PURPOSES,
  personal,
  RETAIN,
} from './personal-data.ts';

describe('personal-data annotations', () => {
  it('declare every column of every table of the schema', () => {
    expect(allTables.length).toBeGreaterThan(5);
    expect(findUndeclaredColumns(allTables)).toEqual([]);
  });

  it('catch a table defined without declarations', () => {
    const sneaky = pgTable('sneaky_notes', { id: text('id').primaryKey(), phone: text('phone') });
    expect(findUndeclaredColumns([...allTables, sneaky])).toEqual([
      { table: 'sneaky_notes', column: 'id' },
      { table: 'sneaky_notes', column: 'phone' },
    ]);
  });

  it('catch a column added without its declaration', () => {
    const partly = ccmTable(
      'partly_declared',
      { id: text('id').primaryKey(), email: text('email') },
      // The compiler refuses this; the cast stands for code that slipped past it.
      { columns: { id: notPersonal() } } as never,
    );
    expect(findUndeclaredColumns([partly])).toEqual([{ table: 'partly_declared', column: 'email' }]);
  });

  it('use only the fixed taxonomy, known purposes and complete rules for personal columns', () => {
    for (const table of allTables) {
      const decl = declarationOf(table)!;
      if (decl.subject) expect(Object.keys(getTableColumns(table))).toContain(decl.subject);
      for (const [column, d] of Object.entries(decl.columns)) {
        if (!d.personal) continue;
        const where = `${getTableName(table)}.${column}`;
        expect(Object.keys(CATEGORIES), where).toContain(d.category);
        expect(d.purposes.length, where).toBeGreaterThan(0);
        for (const p of d.purposes) expect(Object.keys(PURPOSES), where).toContain(p);
        if (d.erasure.action === 'keep-legal-hold') {
          expect(d.erasure.reason.zh.length, where).toBeGreaterThan(5);
          expect(d.erasure.reason.en.length, where).toBeGreaterThan(10);
        }
      }
    }
  });

  it('refuse a personal declaration without a purpose', () => {
    expect(() =>
      personal({
        category: 'contact.phone',
        purposes: [],
        legalBasis: 'consent',
        sensitive: false,
        retention: RETAIN.accountLifetime,
        erasure: { action: 'delete' },
      }),
    ).toThrow(/purpose/);
  });

  it('generate the inventory from the declarations', () => {
    const rows = buildInventory(allTables);
    expect(rows.find((r) => r.table === 'staff_sessions' && r.column === 'ip')).toMatchObject({
      category: { id: 'network.ip', label: { zh: 'IP 地址', en: 'IP address' } },
      purposes: [{ id: 'security' }],
      retention: { zh: '最后一次活动后 30 天', en: '30 days after the last activity' },
      erasure: { action: 'delete', label: { zh: '删除', en: 'Delete' } },
    });
    expect(rows.some((r) => r.table === 'articles')).toBe(false);
    const md = inventoryMarkdown(allTables, 'CN-BJ');
    expect(md).toContain('| users.nickname | 昵称 / Nickname |');
    expect(md).toContain('Storage region / 存储地区: CN-BJ');
  });
});

describe('the live database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.dispose());

  it('has no table or column that the annotated schema does not declare', async () => {
    const live = await queryRows<{ table_name: string; column_name: string }>(
      t.database.db,
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const declared = new Set(
      allTables.flatMap((table) =>
        Object.values(getTableColumns(table)).map((c) => `${getTableName(table)}.${c.name}`),
      ),
    );
    const undeclared = live.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !declared.has(c));
    expect(live.length).toBeGreaterThan(20);
    expect(undeclared).toEqual([]);
  });
});
