import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTables } from '../db/schema.ts';
import { makeMember } from '../testing/factories.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { memberSubjectTables, subjectRows } from './subject-data.ts';

describe('a member’s rows, found by the annotations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists member tables and leaves staff tables out', () => {
    const names = memberSubjectTables(allTables).map((s) => s.name);
    expect(names).toContain('users');
    expect(names).toContain('member_sessions');
    expect(names.some((n) => n.startsWith('staff_users'))).toBe(false);
  });

  it('finds one member’s rows and never another’s', async () => {
    const a = await makeMember(t.app);
    const b = await makeMember(t.app);
    const users = memberSubjectTables(allTables).find((s) => s.name === 'users')!;
    const rows = await subjectRows(t.database.db, users, a.userId);
    expect(rows.map((r) => r.id)).toEqual([a.userId]);
    expect(rows.some((r) => r.id === b.userId)).toBe(false);
  });
});
