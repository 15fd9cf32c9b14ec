import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { staffOf } from '../members/testing.ts';
import { openCancellation } from './cancellation.ts';
import { runErasure } from './job.ts';

describe('console: erasure receipts and retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists receipts with per-table actions and counts to compliance, and to no one else', async () => {
    const m = await makeMember(t.app, { nickname: `console-${Date.now()}` });
    const id = await openCancellation(t.app.ctx, m.userId);
    await runErasure(t.app.ctx, id);
    const compliance = await staffOf(t.app, 'compliance');
    const res = await compliance.get('/api/v1/console/erasures');
    expect(res.statusCode).toBe(200);
    const receipt = res.json().items.find((r: { id: string }) => r.id === id);
    expect(receipt).toMatchObject({ userId: m.userId, status: 'completed', verification: { ok: true } });
    expect(receipt.steps.find((s: { table: string }) => s.table === 'member_sessions')).toMatchObject({
      rows: 1,
    });
    expect(JSON.stringify(res.json())).not.toContain(m.phone.slice(3));
    expect((await (await staffOf(t.app, 'support')).get('/api/v1/console/erasures')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/console/erasures' })).statusCode).toBe(401);
    const bad = await compliance.get('/api/v1/console/erasures?before=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation.failed');
  });

  it('shows each retention rule with its last sweep, and lets only an admin run the sweep now', async () => {
    const compliance = await staffOf(t.app, 'compliance');
    expect((await compliance.post('/api/v1/console/retention/sweeps', {})).statusCode).toBe(403);
    const admin = await staffOf(t.app, 'admin');
    const run = await admin.post('/api/v1/console/retention/sweeps', {});
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({ trigger: 'staff' });
    const res = await compliance.get('/api/v1/console/retention');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lastSweep.id).toBe(run.json().id);
    const codes = body.rules.find((r: { table: string }) => r.table === 'sms_codes');
    expect(codes).toMatchObject({ after: 'created', days: 1, clock: 'created_at', unsupported: null });
    expect(codes.lastSweep).toMatchObject({ table: 'sms_codes', rows: 0 });
    // The consent ledger's rule is applied (through its tombstone path), not reported unsupported.
    const ledger = body.rules.find((r: { table: string }) => r.table === 'consent_records');
    expect(ledger).toMatchObject({
      after: 'account-closed',
      days: 1095,
      clock: 'erasure_receipts',
      unsupported: null,
      appendOnly: true,
    });
    expect(ledger.lastSweep).toMatchObject({ table: 'consent_records', rule: '1095d after account-closed' });
  });
});
