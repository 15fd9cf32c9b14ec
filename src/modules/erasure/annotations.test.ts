import { describe, expect, it } from 'vitest';
import { allTables } from '../../db/schema.ts';
import { memberSubjectTables } from '../../platform/subject-data.ts';
import { erasedValue, stepFor } from './erase.ts';
import { retentionRules } from './retention.ts';

describe('the annotations drive erasure and retention', () => {
  it('every days rule has a clock, except the withdrawn rules that wait for the consent ledger', () => {
    const missing = retentionRules()
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
