/**
 * `npm run bench -- --only cancel`: the time to cancel a heavy member's account on the PostgreSQL
 * server, from the cancellation transaction to the end of the verification run (what the member
 * waits for is only the transaction; the rest runs in the background).
 *
 * A heavy member has 10,000 rows in the member tables that exist today: signed-in devices, user
 * tags, My Column, guardian decisions (erased columns, rows kept) and staff access-log entries
 * (kept), plus the engagement rows of `engagement-rows.ts` (10,000 browsing records, 500
 * favourites, 1,000 clicks, 20 follows, 500 comments of which 50 have another member's reply).
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase, runMigrations } from '../src/db/client.ts';
import { createMember } from '../src/modules/accounts/service.ts';
import { memberSessions, userColumns, userTags } from '../src/modules/accounts/tables.ts';
import { columns, tags } from '../src/modules/content/tables.ts';
import { openCancellation } from '../src/modules/erasure/cancellation.ts';
import { runErasure } from '../src/modules/erasure/job.ts';
import { guardianConsents } from '../src/modules/guardian/tables.ts';
import { staffAccessLog } from '../src/modules/members/tables.ts';
import { createStaff } from '../src/modules/staff/service.ts';
import { addEngagementRows, ENGAGEMENT_SHAPE } from './engagement-rows.ts';
import { freshDatabase } from './fresh-database.ts';

const ROUNDS = 5;
const SHAPE = { sessions: 9_000, accessLog: 500, guardian: 250, tags: 200, columns: 50 };

async function chunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1_000) await insert(rows.slice(i, i + 1_000));
}

export async function cancelBench(dbUrl: string): Promise<void> {
  const url = new URL(await freshDatabase(dbUrl, 'cancel'));
  const database = await connectDatabase({ databaseUrl: url.href });
  await runMigrations(database);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-bench-cancel-'));
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    CCM_DATA_DIR: dataDir,
    DATABASE_URL: url.href,
    REDIS_URL: '',
  });
  const app = await buildApp({ config, database, ownsResources: true });
  const { ctx } = app;
  try {
    const db = ctx.db;
    const tagIds = Array.from({ length: SHAPE.tags }, (_, i) => `bench-tag-${i}`);
    await db.insert(tags).values(tagIds.map((id) => ({ id, nameZh: id, nameEn: id })));
    const columnIds = Array.from({ length: SHAPE.columns }, (_, i) => `bench-col-${i}`);
    await db.insert(columns).values(columnIds.map((id) => ({ id, nameZh: id, nameEn: id })));
    const staffId = await createStaff(db, {
      username: 'bench-support',
      displayName: 'bench',
      role: 'support',
      password: `pw-${randomBytes(8).toString('hex')}`,
    });

    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const phone = `+86139${String(round).padStart(8, '0')}`;
      const userId = await createMember(ctx, {
        phone,
        passwordHash: null,
        policyVersion: 'bench',
        consents: { account: true },
        nickname: `bench-heavy-${round}`,
      });
      const now = new Date();
      await chunks(
        Array.from({ length: SHAPE.sessions }, (_, i) => ({
          tokenHash: randomBytes(16).toString('hex'),
          id: randomBytes(8).toString('hex'),
          userId,
          userAgent: `bench ${i}`,
          expiresAt: new Date(now.getTime() + 86_400_000),
        })),
        (part) => db.insert(memberSessions).values(part),
      );
      await chunks(
        Array.from({ length: SHAPE.accessLog }, () => ({
          staffId,
          action: 'member.view',
          targetUserId: userId,
        })),
        (part) => db.insert(staffAccessLog).values(part),
      );
      await chunks(
        Array.from({ length: SHAPE.guardian }, (_, i) => ({
          userId,
          decision: 'granted' as const,
          guardianPhoneIndex: `bench-${i}`,
          guardianPhoneCiphertext: `bench-${i}`,
          noticeVersion: 'bench',
          noticeHash: 'bench',
          channel: 'web',
          decidedAt: now,
        })),
        (part) => db.insert(guardianConsents).values(part),
      );
      await db.insert(userTags).values(tagIds.map((tagId) => ({ userId, tagId })));
      await db
        .insert(userColumns)
        .values(columnIds.map((columnId, position) => ({ userId, columnId, position })));
      await addEngagementRows(db, userId);

      const started = performance.now();
      const receiptId = await openCancellation(ctx, userId);
      const status = await runErasure(ctx, receiptId);
      const ms = performance.now() - started;
      if (status !== 'completed') throw new Error(`round ${round}: the erasure ended ${status}`);
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    const shape = { ...SHAPE, ...ENGAGEMENT_SHAPE };
    const rows = Object.values(shape).reduce((a, b) => a + b, 0);
    console.log(
      `\nCancellation of a member with ${rows} rows (${JSON.stringify(shape)}), ${ROUNDS} rounds on the PostgreSQL server:`,
    );
    console.log(
      `- median ${times[Math.floor(ROUNDS / 2)].toFixed(0)} ms, best ${times[0].toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms (target < 1000 ms), receipt verified`,
    );
  } finally {
    await app.close();
  }
}
