/**
 * Demo content for an empty database: columns, the tag tree, brands, one console account per role
 * (random passwords, returned once to the caller, never stored in plain text or logged here),
 * about 250 generated articles and a few members. Runs in one transaction, under an advisory lock
 * so two instances starting together on one server do not both seed.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { generatePassword } from '../../platform/passwords.ts';
import { users } from '../accounts/tables.ts';
import { articlesChanged } from '../content/changes.ts';
import {
  articleBrands,
  articleSeries,
  articles,
  articleTags,
  brands,
  columns,
  modelSeries,
  tags,
} from '../content/tables.ts';
import { createStaff } from '../staff/service.ts';
import { STAFF_ROLES, type StaffRole } from '../staff/tables.ts';
import { BRANDS, SERIES } from './brands.ts';
import { planDemoArticles } from './demo-articles.ts';
import { nickname } from './generate.ts';
import { int, mulberry32 } from './prng.ts';
import { COLUMNS, tagRows } from './taxonomy.ts';

/** The demo's fixed seed: the same articles on every machine. */
export const DEMO_SEED = 20240607;
const SEED_LOCK = 4242002;

const DISPLAY_NAMES: Record<StaffRole, string> = {
  admin: '技术部·陈管理员',
  editor: '编辑部·王编辑',
  reviewer: '审校组·李审校',
  contributor: '特约撰稿·赵记者',
  support: '客服中心·周客服',
  compliance: '合规部·孙专员',
};

export interface DemoResult {
  created: boolean;
  staff: { role: string; username: string; password: string }[];
}

export async function seedDemoIfEmpty(
  database: Database,
  opts: { log: (line: string) => void },
): Promise<DemoResult> {
  return database.db.transaction(async (tx) => {
    const db: Db = tx;
    await db.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(columns);
    if (n > 0) return { created: false, staff: [] };
    opts.log('Empty database: creating demo content (columns, tags, brands, console accounts, articles)…');

    await db.insert(columns).values(COLUMNS.map((c, i) => ({ ...c, position: i })));
    await db.insert(tags).values(tagRows());
    await db
      .insert(brands)
      .values(
        BRANDS.map(({ id, nameZh, nameEn, country }, i) => ({ id, nameZh, nameEn, country, position: i })),
      );
    await db
      .insert(modelSeries)
      .values(SERIES.map(({ code: _c, ...series }, position) => ({ ...series, position })));

    const staff: DemoResult['staff'] = [];
    const authorIds: number[] = [];
    for (const role of STAFF_ROLES) {
      const password = generatePassword();
      const id = await createStaff(db, { username: role, displayName: DISPLAY_NAMES[role], role, password });
      staff.push({ role, username: role, password });
      if (role === 'editor' || role === 'contributor') authorIds.push(id);
    }

    const rng = mulberry32(DEMO_SEED);
    const now = new Date();
    const planned = planDemoArticles(rng, now, authorIds);
    const inserted = await db
      .insert(articles)
      .values(
        planned.map(({ tagIds: _t, brandIds: _b, seriesIds: _s, ...row }) =>
          // A scheduled article is approved and waits for its time (the editorial publish job).
          row.status === 'scheduled'
            ? { ...row, publishAt: row.publishedAt, publishedAt: null, approvedRevision: 1 }
            : row,
        ),
      )
      .returning({ id: articles.id, title: articles.title });
    // Titles are unique in the demo, so they map returned ids back to links without relying on row order.
    const idByTitle = new Map(inserted.map((r) => [r.title, r.id]));
    const tagLinks = planned.flatMap((a) =>
      a.tagIds.map((tagId) => ({ articleId: idByTitle.get(a.title)!, tagId })),
    );
    const brandLinks = planned.flatMap((a) =>
      a.brandIds.map((brandId) => ({ articleId: idByTitle.get(a.title)!, brandId })),
    );
    await db.insert(articleTags).values(tagLinks);
    if (brandLinks.length > 0) await db.insert(articleBrands).values(brandLinks);
    const seriesLinks = planned.flatMap((a) =>
      a.seriesIds.map((seriesId) => ({ articleId: idByTitle.get(a.title)!, seriesId })),
    );
    if (seriesLinks.length > 0) await db.insert(articleSeries).values(seriesLinks);
    // Through the content hook, as any editor's write: the search index gets the published ones.
    await articlesChanged(
      db,
      inserted.map((r) => r.id),
    );

    const names = new Set<string>();
    while (names.size < 12) names.add(nickname(rng)); // nicknames are unique
    const members = [...names].map((name) => {
      const createdAt = new Date(now.getTime() - int(rng, 1, 200) * 86_400_000);
      return { nickname: name, createdAt, updatedAt: createdAt };
    });
    await db.insert(users).values(members);

    opts.log(
      `Demo content created: ${COLUMNS.length} columns, ${tagRows().length} tags, ${BRANDS.length} brands, ${SERIES.length} model series, ` +
        `${planned.length} articles, ${staff.length} console accounts, ${members.length} members.`,
    );
    return { created: true, staff };
  });
}
