/** Access and copy (PIPL art. 45): the member's data export, end to end through the API. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTables } from '../../db/schema.ts';
import { fixedClock } from '../../platform/clock.ts';
import { memberSubjectTables } from '../../platform/subject-data.ts';
import {
  makeArticle,
  makeBrand,
  makeColumn,
  makeMember,
  makeStaff,
  makeTag,
  uid,
} from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { memberSessions, registrationConsents, userColumns, users, userTags } from '../accounts/tables.ts';
import { commentLikes, commentModerationLog, commentReports, comments } from '../comments/tables.ts';
import { appendConsents } from '../consent/ledger.ts';
import { browsingHistory, clickRecords, favorites, follows } from '../engagement/tables.ts';
import {
  childDataAccessLog,
  guardianActions,
  guardianConsents,
  guardianRequests,
} from '../guardian/tables.ts';
import { userIdentities } from '../identity/tables.ts';
import { incidentNotices, incidents } from '../incidents/tables.ts';
import { memberRegions } from '../location/tables.ts';
import { staffAccessLog } from '../members/tables.ts';
import { interestWeights, memberFeeds, notInterested } from '../recommendations/tables.ts';
import { rightsRequests } from '../requests/tables.ts';
import { searchQueries } from '../search/tables.ts';
import type { ExportData } from './build.ts';
import { exportFilePath, exportJob } from './job.ts';
import { DAILY_EXPORTS } from './service.ts';
import { dataExports } from './tables.ts';

type Member = Awaited<ReturnType<typeof makeMember>>;
/** Columns (SQL names) and the value the export must show for the row a factory inserted. */
type Expected = Record<string, unknown>;
type Factory = (app: FastifyInstance, m: Member, marker: string) => Promise<Expected>;

/**
 * One row per member table, with recognisable values. A member table without an entry here fails
 * the completeness test: a table added later must say how to fill it.
 */
const FACTORIES: Record<string, Factory> = {
  users: async (app, m, marker) => {
    const { keyring, db } = app.ctx;
    await db
      .update(users)
      .set({
        nickname: `昵称${marker}`,
        gender: 'female',
        bioCiphertext: keyring.encrypt(`简介 ${marker}`, 'users.bio'),
        birthdayCiphertext: keyring.encrypt('1990-03-04', 'users.birthday'),
        passwordHash: `$argon2id$secret-hash-${marker}`,
        ipRegion: '北京',
      })
      .where(eq(users.id, m.userId));
    return {
      id: m.userId,
      nickname: `昵称${marker}`,
      gender: 'female',
      bio_ciphertext: `简介 ${marker}`,
      birthday_ciphertext: '1990-03-04',
      phone_ciphertext: m.phone,
      ip_region: '北京',
    };
  },
  member_sessions: async (app, m, marker) => {
    await app.ctx.db.insert(memberSessions).values({
      tokenHash: `token-hash-${marker}`,
      id: uid('s'),
      userId: m.userId,
      deviceName: `设备${marker}`,
      userAgent: `agent ${marker}`,
      platform: 'Android',
      ipRegion: '上海',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    return { device_name: `设备${marker}`, user_agent: `agent ${marker}`, ip_region: '上海' };
  },
  registration_consents: async (app, m, marker) => {
    await app.ctx.db
      .insert(registrationConsents)
      .values({ userId: m.userId, purpose: 'analytics', granted: true, policyVersion: `v-${marker}` });
    return { purpose: 'analytics', granted: true, policy_version: `v-${marker}` };
  },
  user_tags: async (app, m, marker) => {
    const tagId = await makeTag(app.ctx.db, `tag-${marker}`);
    await app.ctx.db.insert(userTags).values({ userId: m.userId, tagId });
    return { tag_id: tagId };
  },
  user_columns: async (app, m, marker) => {
    const columnId = await makeColumn(app.ctx.db, `col-${marker}`);
    await app.ctx.db.insert(userColumns).values({ userId: m.userId, columnId, position: 7 });
    return { column_id: columnId, position: 7 };
  },
  guardian_requests: async (app, m, marker) => {
    const phone = `+86137${marker.replace(/\D/g, '').padEnd(8, '1').slice(0, 8)}`;
    await app.ctx.db.insert(guardianRequests).values({
      userId: m.userId,
      guardianPhoneCiphertext: app.ctx.keyring.encrypt(phone, 'guardian_requests.guardian_phone'),
      guardianPhoneIndex: `guardian-index-${marker}`,
      requestedAt: new Date(),
    });
    return { guardian_phone_ciphertext: phone };
  },
  guardian_consents: async (app, m, marker) => {
    const phone = `+86136${marker.replace(/\D/g, '').padEnd(8, '2').slice(0, 8)}`;
    await app.ctx.db.insert(guardianConsents).values({
      userId: m.userId,
      decision: 'granted',
      guardianPhoneIndex: `guardian-index-${marker}`,
      guardianPhoneCiphertext: app.ctx.keyring.encrypt(phone, 'guardian_consents.guardian_phone'),
      noticeVersion: `notice-${marker}`,
      noticeHash: 'n'.repeat(16),
      channel: 'web',
      decidedAt: new Date(),
    });
    return { decision: 'granted', guardian_phone_ciphertext: phone, notice_version: `notice-${marker}` };
  },
  guardian_actions: async (app, m, marker) => {
    await app.ctx.db.insert(guardianActions).values({
      userId: m.userId,
      guardianPhoneIndex: `guardian-index-${marker}`,
      action: 'profile-corrected',
      what: `nickname-${marker}`,
      at: new Date(),
    });
    return { action: 'profile-corrected', what: `nickname-${marker}` };
  },
  child_data_access_log: async (app, m, marker) => {
    const staff = await makeStaff(app.ctx.db, 'support');
    await app.ctx.db
      .insert(childDataAccessLog)
      .values({ staffId: staff.id, userId: m.userId, what: `profile-${marker}`, at: new Date() });
    return { what: `profile-${marker}` };
  },
  staff_access_log: async (app, m, marker) => {
    const staff = await makeStaff(app.ctx.db, 'support');
    await app.ctx.db.insert(staffAccessLog).values({
      staffId: staff.id,
      action: 'member.view',
      targetUserId: m.userId,
      requestId: `req-${marker}`,
    });
    return { action: 'member.view', request_id: `req-${marker}` };
  },
  user_identities: async (app, m, marker) => {
    await app.ctx.db.insert(userIdentities).values({
      userId: m.userId,
      provider: 'apple',
      subjectIndex: `subject-index-${marker}`,
      subjectCiphertext: app.ctx.keyring.encrypt(`apple-sub-${marker}`, 'user_identities.subject'),
      emailCiphertext: app.ctx.keyring.encrypt(`${marker}@example.org`, 'user_identities.email'),
      createdAt: new Date(),
    });
    return { subject_ciphertext: `apple-sub-${marker}`, email_ciphertext: `${marker}@example.org` };
  },
  consent_records: async (app, m) => {
    await appendConsents(app.ctx.db, [
      {
        userId: m.userId,
        purpose: 'analytics',
        granted: true,
        policyVersion: 'export-test',
        policyHash: 'e'.repeat(64),
        at: new Date(),
        channel: 'api',
        ipRegion: '北京',
      },
    ]);
    return { purpose: 'analytics', policy_version: 'export-test', ip_region: '北京' };
  },
  rights_requests: async (app, m, marker) => {
    await app.ctx.db.insert(rightsRequests).values({
      userId: m.userId,
      type: 'correction',
      detail: `请更正我的昵称 ${marker}`,
      createdAt: new Date(),
      dueAt: new Date(Date.now() + 20 * 86_400_000),
    });
    return { type: 'correction', detail: `请更正我的昵称 ${marker}` };
  },
  incident_notices: async (app, m) => {
    const staff = await makeStaff(app.ctx.db, 'compliance');
    const both = { zh: '测试', en: 'test' };
    const [incident] = await app.ctx.db
      .insert(incidents)
      .values({
        reference: `INC-TEST-${randomBytes(4).toString('hex')}`,
        title: both,
        categories: ['contact.phone'],
        cause: both,
        possibleHarm: both,
        measures: both,
        advice: both,
        contact: 'privacy@ccm.example.cn',
        discoveredAt: new Date(),
        audience: 'listed',
        createdBy: staff.id,
        createdAt: new Date(),
      })
      .returning();
    await app.ctx.db
      .insert(incidentNotices)
      .values({ incidentId: incident.id, userId: m.userId, smsSent: true, notifiedAt: new Date() });
    return { incident_id: incident.id, sms_sent: true };
  },
  favorites: async (app, m) => {
    const article = await makeArticle(app.ctx.db);
    await app.ctx.db.insert(favorites).values({ userId: m.userId, articleId: article.id });
    return { article_id: article.id };
  },
  follows: async (app, m, marker) => {
    const brand = await makeBrand(app.ctx.db, `brand-${marker}`);
    await app.ctx.db.insert(follows).values({ userId: m.userId, kind: 'brand', targetId: brand });
    return { kind: 'brand', target_id: brand };
  },
  browsing_history: async (app, m) => {
    const article = await makeArticle(app.ctx.db);
    await app.ctx.db
      .insert(browsingHistory)
      .values({ userId: m.userId, articleId: article.id, views: 3, dwellMs: 45_000 });
    return { article_id: article.id, views: 3, dwell_ms: 45_000 };
  },
  interest_weights: async (app, m, marker) => {
    const tag = await makeTag(app.ctx.db, `tag-${marker}`);
    const sources = [{ source: 'registration' as const, at: null, delta: 1 }];
    await app.ctx.db
      .insert(interestWeights)
      .values({ userId: m.userId, kind: 'tag', targetId: tag, weight: 1, sources });
    return { kind: 'tag', target_id: tag, weight: 1 };
  },
  member_feeds: async (app, m) => {
    const article = await makeArticle(app.ctx.db);
    await app.ctx.db.insert(memberFeeds).values({
      userId: m.userId,
      columnId: '',
      articleIds: [article.id],
      reasons: ['hot'],
      paramsHash: 'p',
      computedAt: new Date(),
    });
    return { column_id: '' };
  },
  not_interested: async (app, m) => {
    const article = await makeArticle(app.ctx.db);
    await app.ctx.db.insert(notInterested).values({ userId: m.userId, articleId: article.id });
    return { article_id: article.id };
  },
  click_records: async (app, m) => {
    const article = await makeArticle(app.ctx.db);
    await app.ctx.db
      .insert(clickRecords)
      .values({ userId: m.userId, kind: 'open', articleId: article.id, source: 'search', position: 4 });
    return { article_id: article.id, kind: 'open', source: 'search', position: 4 };
  },
  comments: async (app, m, marker) => {
    const article = await makeArticle(app.ctx.db);
    await app.ctx.db.insert(comments).values({
      articleId: article.id,
      userId: m.userId,
      body: `评论内容 ${marker}`,
      ipRegion: '江苏',
      status: 'visible',
    });
    return { body: `评论内容 ${marker}`, ip_region: '江苏', status: 'visible' };
  },
  comment_likes: async (app, m) => {
    const article = await makeArticle(app.ctx.db);
    const [c] = await app.ctx.db
      .insert(comments)
      .values({ articleId: article.id, userId: null, body: '别人的评论', status: 'visible' })
      .returning();
    await app.ctx.db.insert(commentLikes).values({ commentId: c.id, userId: m.userId });
    return { comment_id: c.id };
  },
  comment_reports: async (app, m, marker) => {
    const article = await makeArticle(app.ctx.db);
    const [c] = await app.ctx.db
      .insert(comments)
      .values({ articleId: article.id, userId: null, body: '被举报的评论', status: 'visible' })
      .returning();
    await app.ctx.db
      .insert(commentReports)
      .values({ commentId: c.id, userId: m.userId, reason: 'spam', note: `举报说明 ${marker}` });
    return { comment_id: c.id, reason: 'spam', note: `举报说明 ${marker}` };
  },
  comment_moderation_log: async (app, m, marker) => {
    const staff = await makeStaff(app.ctx.db, 'reviewer');
    await app.ctx.db.insert(commentModerationLog).values({
      commentId: 1,
      authorId: m.userId,
      staffId: staff.id,
      action: 'hide',
      reason: `理由 ${marker}`,
    });
    // Who acted and the reason they typed are staff identity, left out of the member's copy.
    return { action: 'hide' };
  },
  data_exports: async (app, m) => {
    const id = randomBytes(16).toString('hex');
    await app.ctx.db
      .insert(dataExports)
      .values({ id, userId: m.userId, status: 'failed', language: 'en', requestedAt: new Date() });
    return { id, status: 'failed', language: 'en' };
  },
  member_regions: async (app, m) => {
    await app.ctx.db.insert(memberRegions).values({ userId: m.userId, province: 'hunan', city: 'changsha' });
    return { province: 'hunan', city: 'changsha', source: 'device' };
  },
  search_queries: async (app, m, marker) => {
    await app.ctx.db.insert(searchQueries).values({ userId: m.userId, query: `挖掘机 ${marker}` });
    return { query: `挖掘机 ${marker}` };
  },
};

async function fillEveryTable(app: FastifyInstance, m: Member, marker: string) {
  const expected: Record<string, Expected> = {};
  for (const st of memberSubjectTables(allTables)) {
    const factory = FACTORIES[st.name];
    if (!factory) throw new Error(`no row factory for member table ${st.name}: add one to FACTORIES`);
    expected[st.name] = await factory(app, m, marker);
  }
  return expected;
}

/** Asks for an export, waits for the background build, and returns its view. */
async function exportOf(app: FastifyInstance, m: Member, body?: object, headers: object = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/exports',
    headers: { ...m.headers, ...headers },
    ...(body ? { payload: body } : {}),
  });
  expect(res.statusCode, res.body).toBe(202);
  const { id, status } = res.json();
  expect(status).toBe('pending');
  await exportJob(app.ctx).settled();
  const view = await app.inject({ method: 'GET', url: `/api/v1/me/exports/${id}`, headers: m.headers });
  return view.json();
}

async function download(app: FastifyInstance, m: Member, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: m.headers });
  expect(res.statusCode, res.body).toBe(200);
  const files = unzipSync(new Uint8Array(res.rawPayload));
  return {
    res,
    files,
    dataText: strFromU8(files['data.json']),
    data: JSON.parse(strFromU8(files['data.json'])) as ExportData,
    html: strFromU8(files['index.html']),
  };
}

describe('a member’s data export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds a row of every annotated member table, decrypted, grouped by category', async () => {
    const a = await makeMember(t.app);
    const marker = uid('A');
    const expected = await fillEveryTable(t.app, a, marker);
    // The avatar file goes into the zip too.
    const avatar = `${randomBytes(16).toString('hex')}.webp`;
    const avatarBytes = randomBytes(64);
    await mkdir(path.join(t.config.dataDir, 'uploads', 'avatars'), { recursive: true });
    await writeFile(path.join(t.config.dataDir, 'uploads', 'avatars', avatar), avatarBytes);
    await t.app.ctx.db
      .update(users)
      .set({ avatarPath: `avatars/${avatar}` })
      .where(eq(users.id, a.userId));

    const view = await exportOf(t.app, a);
    expect(view.status).toBe('ready');
    expect(view.downloadUrl).toBe(`/api/v1/me/exports/${view.id}/download`);
    const { data, dataText, files } = await download(t.app, a, view.downloadUrl);

    for (const [table, values] of Object.entries(expected)) {
      const rows = data.tables[table]?.rows ?? [];
      expect(rows, `${table} is missing from the export`).toContainEqual(expect.objectContaining(values));
    }
    // Grouped by category, each field with its purposes, basis, retention and erasure rule.
    const phone = data.categories.find((c) => c.id === 'contact.phone');
    const field = phone?.fields.find((f) => f.table === 'users' && f.column === 'phone_ciphertext');
    expect(field?.values.map((v) => v.value)).toEqual([a.phone]);
    expect(field?.decrypted).toBe(true);
    expect(field?.purposes.map((p) => p.id)).toEqual(['account', 'security']);
    expect(field?.legalBasis.label.zh).toMatch(/合同/);
    expect(field?.retention.en).toBe('While the account exists');
    expect(field?.erasure.action).toBe('delete');
    expect(data.storageRegion).toBe('CN-BJ');
    expect(data.policyVersion).toBeTruthy();

    expect(data.files).toEqual([expect.objectContaining({ path: 'files/avatar.webp', table: 'users' })]);
    expect(Buffer.from(files['files/avatar.webp']).equals(avatarBytes)).toBe(true);

    // Secrets are left out and listed with the reason; no ciphertext leaves the server.
    const omitted = data.omitted.map((o) => `${o.table}.${o.column}`);
    for (const secret of [
      'users.password_hash',
      'users.phone_index',
      'member_sessions.token_hash',
      'user_identities.subject_index',
      'guardian_requests.guardian_phone_index',
      'staff_access_log.staff_id',
    ])
      expect(omitted).toContain(secret);
    expect(data.omitted.every((o) => o.reason.zh && o.reason.en)).toBe(true);
    expect(dataText).not.toContain(`secret-hash-${marker}`);
    expect(dataText).not.toContain(`token-hash-${marker}`);
    expect(dataText).not.toContain(`subject-index-${marker}`);
    const [stored] = await t.app.ctx.db.select().from(users).where(eq(users.id, a.userId));
    expect(dataText).not.toContain(stored.bioCiphertext);
    expect(dataText).not.toContain(stored.phoneCiphertext);
  });

  it('never shows one member another’s data, status or file', async () => {
    const a = await makeMember(t.app);
    const b = await makeMember(t.app);
    const markerB = uid('B');
    await fillEveryTable(t.app, a, uid('A'));
    await fillEveryTable(t.app, b, markerB);

    const view = await exportOf(t.app, a);
    const { dataText, html } = await download(t.app, a, view.downloadUrl);
    expect(dataText).not.toContain(markerB);
    expect(dataText).not.toContain(b.phone);
    expect(html).not.toContain(markerB);

    for (const url of [`/api/v1/me/exports/${view.id}`, `/api/v1/me/exports/${view.id}/download`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: b.headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('export.not_found');
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/exports', headers: b.headers });
    expect(list.json().items.map((e: { id: string }) => e.id)).not.toContain(view.id);
  });

  it('writes index.html in the asked language, self-contained, with every value escaped', async () => {
    const m = await makeMember(t.app);
    const evil = `<script>alert("${uid()}")</script>`;
    await t.app.ctx.db
      .update(users)
      .set({
        nickname: evil,
        bioCiphertext: t.app.ctx.keyring.encrypt('<img src=x onerror=alert(1)> & "q"', 'users.bio'),
      })
      .where(eq(users.id, m.userId));

    const en = await exportOf(t.app, m, { lang: 'en' });
    expect(en.language).toBe('en');
    const { html, data } = await download(t.app, m, en.downloadUrl);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('A copy of my data');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain(evil.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    // data.json keeps the value as it is.
    expect(data.tables.users.rows[0].nickname).toBe(evil);
  });

  it('takes the language from Accept-Language, and is in Chinese by default', async () => {
    const m = await makeMember(t.app);
    const en = await exportOf(t.app, m, undefined, { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
    expect(en.language).toBe('en');
    const zh = await exportOf(t.app, m);
    expect(zh.language).toBe('zh-CN');
    const { html } = await download(t.app, m, zh.downloadUrl);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('我的数据副本');
    expect(html).toContain('处理目的');
  });

  it('lists the member’s exports newest first', async () => {
    const m = await makeMember(t.app);
    const first = await exportOf(t.app, m);
    const second = await exportOf(t.app, m);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/exports', headers: m.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { id: string }) => e.id)).toEqual([second.id, first.id]);
  });

  it('serves the zip as an attachment', async () => {
    const m = await makeMember(t.app);
    const view = await exportOf(t.app, m);
    const { res } = await download(t.app, m, view.downloadUrl);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="ccm-my-data-\d{8}\.zip"$/);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  describe('refuses', () => {
    it('an unknown id (404) and a malformed one (400)', async () => {
      const m = await makeMember(t.app);
      const unknown = randomBytes(16).toString('hex');
      for (const url of [`/api/v1/me/exports/${unknown}`, `/api/v1/me/exports/${unknown}/download`]) {
        const res = await t.app.inject({ method: 'GET', url, headers: m.headers });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('export.not_found');
      }
      for (const url of ['/api/v1/me/exports/not-an-id', "/api/v1/me/exports/'%20or%201=1/download"]) {
        const res = await t.app.inject({ method: 'GET', url, headers: m.headers });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('validation.failed');
      }
    });

    it('anyone not signed in (401)', async () => {
      const id = randomBytes(16).toString('hex');
      for (const [method, url] of [
        ['POST', '/api/v1/me/exports'],
        ['GET', '/api/v1/me/exports'],
        ['GET', `/api/v1/me/exports/${id}`],
        ['GET', `/api/v1/me/exports/${id}/download`],
      ] as const) {
        const res = await t.app.inject({ method, url });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('auth.unauthenticated');
      }
    });

    it('a language it does not write (400)', async () => {
      const m = await makeMember(t.app);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/exports',
        headers: m.headers,
        payload: { lang: 'fr' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.lang');
    });

    it('a second export while one is being prepared (429 with Retry-After), and its download (409)', async () => {
      const m = await makeMember(t.app);
      const id = randomBytes(16).toString('hex');
      // A build claimed a moment ago and still running.
      await t.app.ctx.db.insert(dataExports).values({
        id,
        userId: m.userId,
        status: 'pending',
        language: 'zh-CN',
        requestedAt: new Date(),
        startedAt: new Date(),
      });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: m.headers });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('export.in_progress');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      const dl = await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/exports/${id}/download`,
        headers: m.headers,
      });
      expect(dl.statusCode).toBe(409);
      expect(dl.json().code).toBe('export.not_ready');
      const view = await t.app.inject({ method: 'GET', url: `/api/v1/me/exports/${id}`, headers: m.headers });
      expect(view.json()).toMatchObject({ id, status: 'pending' });
      expect(view.json().downloadUrl).toBeUndefined();
    });

    it(`more than ${DAILY_EXPORTS} exports a day (429 with Retry-After)`, async () => {
      const m = await makeMember(t.app);
      for (let i = 0; i < DAILY_EXPORTS; i++) await exportOf(t.app, m);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: m.headers });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(3600);
    });
  });
});

describe('an export’s link', () => {
  const clock = fixedClock(new Date('2026-06-01T04:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('expires after 7 days (410), and the cleanup removes the file', async () => {
    const m = await makeMember(t.app);
    const view = await exportOf(t.app, m);
    expect(view.expiresAt).toBe('2026-06-08T04:00:00.000Z');
    const [row] = await t.app.ctx.db.select().from(dataExports).where(eq(dataExports.id, view.id));
    const file = exportFilePath(t.config.dataDir, row.fileName)!;
    expect(existsSync(file)).toBe(true);

    clock.advance(7 * 86_400_000 - 1000);
    await exportJob(t.app.ctx).sweep();
    expect(existsSync(file)).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: view.downloadUrl, headers: m.headers })).statusCode,
    ).toBe(200);

    clock.advance(1000);
    const gone = await t.app.inject({ method: 'GET', url: view.downloadUrl, headers: m.headers });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('export.expired');
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/exports/${view.id}`,
      headers: m.headers,
    });
    expect(status.json()).toMatchObject({ status: 'ready', expired: true });
    expect(status.json().downloadUrl).toBeUndefined();

    await exportJob(t.app.ctx).sweep();
    expect(existsSync(file)).toBe(false);
    const [after] = await t.app.ctx.db.select().from(dataExports).where(eq(dataExports.id, view.id));
    expect(after.fileName).toBeNull();
  });

  it('is built by the sweep when a crash left it pending', async () => {
    const m = await makeMember(t.app);
    const id = randomBytes(16).toString('hex');
    // Claimed by a build that died 11 minutes ago.
    await t.app.ctx.db.insert(dataExports).values({
      id,
      userId: m.userId,
      status: 'pending',
      language: 'zh-CN',
      requestedAt: new Date(clock.now().getTime() - 11 * 60_000),
      startedAt: new Date(clock.now().getTime() - 11 * 60_000),
      attempts: 1,
    });
    await exportJob(t.app.ctx).sweep();
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/me/exports/${id}`, headers: m.headers });
    expect(view.json()).toMatchObject({ status: 'ready', expired: false });
  });
});
