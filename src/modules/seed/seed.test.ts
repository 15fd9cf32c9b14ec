import { eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { articles, articleTags, columns, tags } from '../content/tables.ts';
import { PROVINCE_IDS } from '../location/regions.ts';
import { STAFF_ROLES, staffUsers } from '../staff/tables.ts';
import { copyField, copyLine } from './copy.ts';
import { type DemoResult, seedDemoIfEmpty } from './demo.ts';
import { escapeHtml } from './html.ts';
import { createProgress } from './progress.ts';
import { seedScale } from './scale.ts';
import { COLUMN_IDS } from './taxonomy.ts';

const quiet = { log: () => {} };
const CLASSES = [
  'excavators',
  'loaders',
  'cranes',
  'concrete',
  'road',
  'mining',
  'aerial',
  'forklifts',
  'piling',
  'parts',
  'new-energy',
];

/** Row counts of every table the seeders write, to prove a no-op is one. */
async function snapshot(t: TestDatabase) {
  return queryRows<Record<string, number>>(
    t.database.db,
    sql`SELECT (SELECT count(*)::int FROM columns) AS columns, (SELECT count(*)::int FROM tags) AS tags,
      (SELECT count(*)::int FROM brands) AS brands, (SELECT count(*)::int FROM articles) AS articles,
      (SELECT count(*)::int FROM article_tags) AS article_tags, (SELECT count(*)::int FROM article_brands) AS article_brands,
      (SELECT count(*)::int FROM staff_users) AS staff, (SELECT count(*)::int FROM users) AS users,
      (SELECT string_agg(password_hash, ',' ORDER BY id) FROM staff_users) AS hashes`,
  );
}

describe('demo and scale seeding', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let demoA: DemoResult;
  let demoB: DemoResult;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    demoA = await seedDemoIfEmpty(a.database, quiet);
    demoB = await seedDemoIfEmpty(b.database, quiet);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it('creates every column and the two-level tag tree', async () => {
    const cols = await a.database.db.select().from(columns);
    expect(cols.map((c) => c.id).sort()).toEqual([...COLUMN_IDS].sort());
    const all = await a.database.db.select().from(tags);
    const roots = all.filter((t) => t.parentId === null).map((t) => t.id);
    expect(roots.sort()).toEqual([...CLASSES].sort());
    const subs = all.filter((t) => t.parentId !== null);
    expect(subs.length).toBeGreaterThanOrEqual(20);
    for (const s of subs) expect(roots).toContain(s.parentId);
    for (const t of all) expect(t.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('creates published articles in both languages across every column', async () => {
    const rows = await queryRows<{ language: string; column_id: string; n: number }>(
      a.database.db,
      sql`SELECT language, column_id, count(*)::int AS n FROM articles WHERE status = 'published' GROUP BY 1, 2`,
    );
    const total = (lang: string) => rows.filter((r) => r.language === lang).reduce((s, r) => s + r.n, 0);
    expect(total('zh-CN')).toBeGreaterThanOrEqual(220);
    expect(total('en')).toBeGreaterThanOrEqual(25);
    expect(new Set(rows.map((r) => r.column_id))).toEqual(new Set(COLUMN_IDS));
    const states = await queryRows<{ status: string }>(
      a.database.db,
      sql`SELECT DISTINCT status FROM articles`,
    );
    expect(states.map((s) => s.status).sort()).toEqual(['draft', 'in_review', 'published', 'scheduled']);
  });

  it('writes unique titles, safe bodies and 1–3 tags, 0–2 brands per article', async () => {
    const rows = await a.database.db.select({ title: articles.title, body: articles.body }).from(articles);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
    for (const { body } of rows) {
      const paragraphs = body.match(/<p>/g)?.length ?? 0;
      expect(paragraphs).toBeGreaterThanOrEqual(4);
      expect(paragraphs).toBeLessThanOrEqual(7);
      const rest = body.replace(/<\/?(p|h2|ul|li|strong)>/g, '');
      expect(rest).not.toMatch(/[<>]/);
      expect(rest).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    }
    const links = await queryRows<{ t: number; b: number }>(
      a.database.db,
      sql`SELECT (SELECT count(*)::int FROM article_tags WHERE article_id = a.id) AS t,
                 (SELECT count(*)::int FROM article_brands WHERE article_id = a.id) AS b FROM articles a`,
    );
    for (const l of links) {
      expect(l.t).toBeGreaterThanOrEqual(1);
      expect(l.t).toBeLessThanOrEqual(3);
      expect(l.b).toBeLessThanOrEqual(2);
    }
    expect(links.some((l) => l.b > 0)).toBe(true);
  });

  it('files regional news, events and used equipment under provinces, Hunan among them', async () => {
    const rows = await queryRows<{ region: string | null; column_id: string; n: number }>(
      a.database.db,
      sql`SELECT region, column_id, count(*)::int AS n FROM articles WHERE status = 'published' GROUP BY 1, 2`,
    );
    const regional = rows.filter((r) => r.region !== null);
    // Only the regional columns carry a region; almost all their articles have one (fairs abroad do not).
    expect(new Set(regional.map((r) => r.column_id))).toEqual(new Set(['news', 'events', 'used']));
    expect(new Set(regional.map((r) => r.region)).size).toBeGreaterThanOrEqual(15);
    for (const r of regional) expect(PROVINCE_IDS).toContain(r.region);
    const hunan = (column: string) =>
      regional.find((r) => r.region === 'hunan' && r.column_id === column)?.n ?? 0;
    expect(hunan('news')).toBeGreaterThanOrEqual(1);
    expect(hunan('events')).toBeGreaterThanOrEqual(3);
    expect(hunan('used')).toBeGreaterThanOrEqual(2);
    const beijing = regional.filter((r) => r.region === 'beijing').reduce((s, r) => s + r.n, 0);
    expect(beijing).toBeGreaterThanOrEqual(3);
  });

  it('creates one console account per role with a random password that verifies', async () => {
    expect(demoA.created).toBe(true);
    expect(demoA.staff.map((s) => s.role)).toEqual([...STAFF_ROLES]);
    const passwords = demoA.staff.map((s) => s.password);
    expect(new Set(passwords).size).toBe(6);
    for (const s of demoA.staff) {
      expect(s.password.length).toBeGreaterThanOrEqual(12);
      const [row] = await a.database.db.select().from(staffUsers).where(eq(staffUsers.username, s.username));
      expect(row.role).toBe(s.role);
      expect(row.passwordHash).not.toContain(s.password);
      expect(await verifyPassword(row.passwordHash, s.password)).toBe(true);
    }
    // A second database got different passwords: nothing is fixed.
    const other = new Set(demoB.staff.map((s) => s.password));
    for (const p of passwords) expect(other.has(p)).toBe(false);
  });

  it('does nothing when the database already has content', async () => {
    const before = await snapshot(a);
    expect(await seedDemoIfEmpty(a.database, quiet)).toEqual({ created: false, staff: [] });
    expect(await snapshot(a)).toEqual(before);
  });

  it('adds exactly the requested articles (with tags) and members', async () => {
    const db = b.database.db;
    const [before] = await snapshot(b);
    const maxBefore = (await queryRows<{ m: number }>(db, sql`SELECT max(id)::int AS m FROM articles`))[0].m;
    await seedScale(b.database, { articles: 2500, users: 300, log: () => {} });
    const [after] = await snapshot(b);
    expect(after.articles - before.articles).toBe(2500);
    expect(after.users - before.users).toBe(300);
    const fresh = await db.select().from(articles).where(gt(articles.id, maxBefore));
    expect(fresh).toHaveLength(2500);
    expect(fresh.every((r) => r.status === 'published' && r.publishedAt !== null)).toBe(true);
    // Regional columns carry their story's province, the others none (through COPY or INSERT alike).
    expect(fresh.some((r) => r.region !== null)).toBe(true);
    expect(fresh.every((r) => r.region === null || ['news', 'events', 'used'].includes(r.columnId))).toBe(
      true,
    );
    const untagged = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM articles a WHERE a.id > ${maxBefore}
          AND NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id)`,
    );
    expect(untagged[0].n).toBe(0);
    expect(after.article_tags - before.article_tags).toBeGreaterThanOrEqual(2500);
    // The identity sequence moved past the reserved block: an ordinary insert still works.
    const [row] = await db
      .insert(articles)
      .values({ title: 't', summary: 's', body: '<p>b</p>', columnId: 'news', source: 'test' })
      .returning({ id: articles.id });
    expect(row.id).toBeGreaterThan(maxBefore + 2500);
    await db.delete(articles).where(eq(articles.id, row.id));
    expect((await db.select().from(users)).length).toBe(after.users);
    expect((await db.select().from(articleTags).where(gt(articleTags.articleId, maxBefore))).length).toBe(
      after.article_tags - before.article_tags,
    );
  });
});

describe('seeding helpers', () => {
  it('escapes COPY text fields', () => {
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyLine([1, 'x', null])).toBe('1\tx\t\\N\n');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('prints plain progress lines when not on a terminal', () => {
    const out: string[] = [];
    let clock = 0;
    const progress = createProgress('rows', 1000, { write: (c) => out.push(c) > 0 }, () => clock);
    for (let i = 0; i < 10; i++) {
      clock += 1000;
      progress.add(100);
    }
    progress.done();
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(out.at(-1)).toMatch(/^rows 100\.0% {2}1,000\/1,000 {2}100 rows\/s {2}in 00:10\n$/);
  });

  it('redraws one line in place on a terminal, at most ten times a second', () => {
    const out: string[] = [];
    let clock = 0;
    const tty = { isTTY: true, columns: 100, write: (c: string) => out.push(c) > 0 };
    const progress = createProgress('rows', 1000, tty, () => clock);
    for (let i = 0; i < 100; i++) {
      clock += 10;
      progress.add(10);
    }
    progress.done();
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.every((l) => l.startsWith('\r'))).toBe(true);
    expect(out.at(-1)).toMatch(/100\.0%.*in 00:01/);
    expect(out.at(-1)?.endsWith('\x1b[K\n')).toBe(true);
  });
});
