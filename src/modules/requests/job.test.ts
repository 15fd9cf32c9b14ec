import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { msUntilNextReminderRun, startRequestReminderJob } from './job.ts';
import { memberOf } from './testing.ts';

describe('the daily request reminder job', () => {
  it('runs at 08:30 Beijing time', () => {
    expect(msUntilNextReminderRun(new Date('2026-03-02T00:00:00Z'))).toBe(30 * 60_000); // 08:00 → 08:30
    expect(msUntilNextReminderRun(new Date('2026-03-02T00:30:00Z'))).toBe(86_400_000);
    expect(msUntilNextReminderRun(new Date('2026-03-02T01:30:00Z'))).toBe(23 * 3_600_000);
  });

  describe('on an app', () => {
    const clock = fixedClock(new Date('2026-02-06T02:00:00Z'));
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ clock });
    });
    afterAll(() => t.close());

    it('runs once per China day across instances, then again the next day', async () => {
      const m = await memberOf(t.app);
      await m.open({ type: 'access' });
      clock.set(new Date('2026-03-03T00:35:00Z')); // Tue 3 March, two working days before the due date
      const job = startRequestReminderJob(t.app, { firstRunDelayMs: 3_600_000 });
      expect(startRequestReminderJob(t.app)).toBe(job);
      expect(await job.run()).toMatchObject({ date: '2026-03-03', reminded: 1, overdue: 0 });
      expect(await job.run()).toBeUndefined();
      clock.set(new Date('2026-03-06T00:35:00Z')); // Friday: the request is overdue
      expect(await job.run()).toMatchObject({ date: '2026-03-06', reminded: 0, overdue: 1 });
      await job.stop();
      expect(await job.run()).toBeUndefined();
    });
  });
});
