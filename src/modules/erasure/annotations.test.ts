import { bigint, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { allTables } from '../../db/schema.ts';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { memberSubjectTables } from '../../platform/subject-data.ts';
import { erasedValue, PSEUDONYM, stepFor } from './erase.ts';
import { retentionRules } from './retention.ts';

describe('the annotations drive erasure and retention', () => {
  it('every days rule has a clock, except the withdrawn rules, the append-only consent ledger’s included', () => {
    const rules = retentionRules();
    // The ledger expires whole member chains through its own tombstone path (consent/ledger.ts).
    expect(rules.filter((r) => r.appendOnly).map((r) => [r.table, r.clock, r.unsupported])).toEqual([
      ['consent_records', 'erasure_receipts', null],
    ]);
    const missing = rules
      .filter((r) => r.unsupported && r.after !== 'withdrawn')
      .map((r) => `${r.table}: ${r.days}d after ${r.after} (${r.unsupported})`);
    expect(missing).toEqual([]);
  });

  it('every erasable column of a member table has a non-identifying value to take', () => {
    for (const st of memberSubjectTables(allTables)) {
      const step = stepFor(st);
      if (step.action !== 'erase-columns') continue;
      for (const c of st.columns) {
        if (!step.columns.includes(c.column.name) || !c.declaration?.personal) continue;
        const action = c.declaration.erasure.action === 'anonymise' ? 'anonymise' : 'delete';
        expect(() => erasedValue(c.column, action), `${st.name}.${c.column.name}`).not.toThrow();
      }
    }
  });

  it('keeps the account row as a tombstone and deletes the rows of fully erasable tables', () => {
    const steps = new Map(memberSubjectTables(allTables).map((st) => [st.name, stepFor(st)]));
    expect(steps.get('users')?.action).toBe('erase-columns');
    expect(steps.get('users')?.kept).toEqual(['id']);
    expect(steps.get('member_sessions')?.action).toBe('delete-rows');
    expect(steps.get('guardian_consents')?.action).toBe('erase-columns');
    expect(steps.get('registration_consents')?.action).toBe('keep');
  });
});

const later = (erasure: Parameters<typeof personal>[0]['erasure']) =>
  personal({
    category: 'content.user-generated',
    purposes: ['account'],
    legalBasis: 'contract',
    sensitive: false,
    retention: RETAIN.accountLifetime,
    erasure,
  });
const HOLD = { action: 'keep-legal-hold', reason: { zh: '测试', en: 'test' } } as const;

describe('a table added later is erased by its annotations alone', () => {
  const comments = ccmTable(
    'later_comments',
    {
      id: bigint('id', { mode: 'number' }).primaryKey(),
      userId: bigint('user_id', { mode: 'number' }),
      body: text('body'),
    },
    {
      subject: 'userId',
      columns: { id: notPersonal(), userId: notPersonal(), body: later({ action: 'delete' }) },
    },
  );
  const orders = ccmTable(
    'later_orders',
    {
      id: bigint('id', { mode: 'number' }).primaryKey(),
      userId: bigint('user_id', { mode: 'number' }),
      handle: text('handle').notNull(),
      invoice: text('invoice'),
    },
    {
      subject: 'userId',
      columns: {
        id: notPersonal(),
        userId: notPersonal(),
        handle: later({ action: 'anonymise' }),
        invoice: later(HOLD),
      },
    },
  );

  it('deletes the rows of a table whose personal columns all say delete', () => {
    const [st] = memberSubjectTables([comments]);
    expect(stepFor(st)).toMatchObject({ table: 'later_comments', action: 'delete-rows', columns: ['body'] });
  });

  it('keeps rows with a legal hold and gives a non-null column a pseudonym', () => {
    const [st] = memberSubjectTables([orders]);
    expect(stepFor(st)).toMatchObject({ action: 'erase-columns', columns: ['handle'], kept: ['invoice'] });
    const handle = st.columns.find((c) => c.key === 'handle')!.column;
    expect(JSON.stringify(erasedValue(handle, 'anonymise'))).toContain('anon-');
    expect(PSEUDONYM.test(`anon-${'0'.repeat(32)}`)).toBe(true);
  });
});
