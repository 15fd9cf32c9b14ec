/**
 * The export benchmark: how long building a heavy member's data export takes on the PostgreSQL
 * server (target: under 2 s). `npm run bench -- --only export [--rows 10000] [--runs 5]`.
 *
 * The heavy member is made directly in the bench database: --rows signed-in sessions, a tenth as
 * many guardian-consent records (encrypted, so decryption is measured) and staff-access entries,
 * 500 user tags and 20 My Column entries, and the engagement rows of `engagement-rows.ts` (10,000
 * browsing records, 500 favourites, 1,000 clicks, 20 follows, 500 comments).
 * Each run inserts a pending export and times `buildExport` end to end: one query per table,
 * decryption, data.json, index.html, the zip, the file and the row update. The member is removed
 * afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase, queryRows, runMigrations } from '../src/db/client.ts';
import { createMember } from '../src/modules/accounts/service.ts';
import { memberSessions, userColumns, userTags } from '../src/modules/accounts/tables.ts';
import { columns, tags } from '../src/modules/content/tables.ts';
import { buildExport } from '../src/modules/exports/job.ts';
import { dataExports } from '../src/modules/exports/tables.ts';
import { guardianConsents } from '../src/modules/guardian/tables.ts';
import { staffAccessLog } from '../src/modules/members/tables.ts';
import { createStaff } from '../src/modules/staff/service.ts';
import { addEngagementRows } from './engagement-rows.ts';
import { freshDatabase } from './fresh-database.ts';

const inBatches = async <T>(items: T[], size: number, write: (batch: T[]) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
};

export async function benchExport(mainUrl: string, options: { rows: number; runs: number }) {
  const dbUrl = await freshDatabase(mainUrl, 'export');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ccm-bench-export-'));
  const config = loadConfig({
    DATABASE_URL: dbUrl,
    CCM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    CCM_SERVE_WEB: 'false',
  });
  const database = await connectDatabase({ databaseUrl: dbUrl, poolSize: 10 });
  await runMigrations(database);
  const app = await buildApp({ config, database, ownsResources: true });
  const { ctx } = app;
  const { db } = ctx;
  const mark = randomBytes(4).toString('hex');
  let userId: number | undefined;
  try {
    const started = performance.now();
    userId = await createMember(ctx, {
      phone: `+86139${String(Date.now()).slice(-8)}`,
      passwordHash: null,
      nickname: `bench-export-${mark}`,
      policyVersion: 'bench',
      consents: { account: true, personalization: true, analytics: false },
    });
    const uid = userId;
    const now = Date.now();
    await inBatches(
      Array.from({ length: options.rows }, (_, i) => i),
      2000,
      (batch) =>
        db.insert(memberSessions).values(
          batch.map((i) => ({
            tokenHash: randomBytes(32).toString('base64url'),
            id: randomBytes(9).toString('base64url'),
            userId: uid,
            deviceName: `设备 ${i}`,
            userAgent: `Mozilla/5.0 (Linux; Android 14; bench ${i}) AppleWebKit/537.36 Chrome/131 Mobile`,
            platform: i % 2 ? 'Android' : 'iOS',
            appVersion: `2.${i % 10}.0`,
            ipRegion: '北京',
            createdAt: new Date(now - i * 60_000),
            lastSeenAt: new Date(now - i * 30_000),
            expiresAt: new Date(now + 86_400_000),
          })),
        ),
    );
    const tenth = Math.max(1, Math.round(options.rows / 10));
    await inBatches(
      Array.from({ length: tenth }, (_, i) => i),
      1000,
      (batch) =>
        db.insert(guardianConsents).values(
          batch.map((i) => ({
            userId: uid,
            decision: i % 2 ? ('granted' as const) : ('refused' as const),
            guardianPhoneIndex: `bench-${i}`,
            guardianPhoneCiphertext: ctx.keyring.encrypt(
              `+86137${String(i).padStart(8, '0')}`,
              'guardian_consents.guardian_phone',
            ),
            noticeVersion: 'bench',
            noticeHash: 'bench',
            channel: 'web',
            decidedAt: new Date(now - i * 1000),
          })),
        ),
    );
    const staffId = await createStaff(db, {
      username: `bench-${mark}`,
      displayName: 'bench',
      role: 'support',
      password: `bench-${mark}-password`,
    });
    await inBatches(
      Array.from({ length: tenth }, (_, i) => i),
      1000,
      (batch) =>
        db.insert(staffAccessLog).values(
          batch.map((i) => ({
            staffId,
            action: 'member.view',
            targetUserId: uid,
            requestId: `bench-${i}`,
          })),
        ),
    );
    const tagIds = Array.from({ length: 500 }, (_, i) => `bench-tag-${i}`);
    await db
      .insert(tags)
      .values(tagIds.map((id) => ({ id, nameZh: id, nameEn: id })))
      .onConflictDoNothing();
    await db.insert(userTags).values(tagIds.map((tagId) => ({ userId: uid, tagId })));
    const columnIds = Array.from({ length: 20 }, (_, i) => `bench-col-${i}`);
    await db
      .insert(columns)
      .values(columnIds.map((id) => ({ id, nameZh: id, nameEn: id })))
      .onConflictDoNothing();
    await db
      .insert(userColumns)
      .values(columnIds.map((columnId, position) => ({ userId: uid, columnId, position })));
    const engagement = await addEngagementRows(db, uid);
    await queryRows(db, sql`ANALYZE`);
    const total = options.rows + 2 * tenth + 500 + 20 + 3 + 1 + engagement;
    console.log(
      `Heavy member: ${total} rows (${options.rows} sessions, ${tenth} guardian consents, ${tenth} staff-access entries, 500 tags, 20 columns, ${engagement} engagement rows) in ${Math.round(performance.now() - started)} ms`,
    );

    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < options.runs; run++) {
      const id = randomBytes(16).toString('hex');
      await db
        .insert(dataExports)
        .values({ id, userId: uid, status: 'pending', language: 'zh-CN', requestedAt: new Date() });
      const t0 = performance.now();
      const ok = await buildExport(ctx, id);
      times.push(performance.now() - t0);
      if (!ok) throw new Error('the export build failed');
      const [row] = await db.select().from(dataExports).where(eq(dataExports.id, id));
      bytes = row.sizeBytes ?? 0;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`\nExport build on the PostgreSQL server, ${options.runs} runs (the first warms up):`);
    console.log(`- times: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
    console.log(
      `- median ${Math.round(median)} ms, max ${Math.round(sorted.at(-1)!)} ms (target < 2000 ms); zip ${(bytes / 1048576).toFixed(2)} MB`,
    );
    return { median, max: sorted.at(-1)!, bytes, rows: total };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
