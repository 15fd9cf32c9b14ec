/** Test data, one call per entity, with unique values so tests sharing a database never collide. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { createMember, type NewMember } from '../modules/accounts/service.ts';
import { createSession, type Device } from '../modules/accounts/sessions.ts';
import {
  articleBrands,
  articleSeries,
  articles,
  articleTags,
  brands,
  columns,
  modelSeries,
  tags,
} from '../modules/content/tables.ts';
import { createStaff } from '../modules/staff/service.ts';
import type { StaffRole } from '../modules/staff/tables.ts';

export const uid = (prefix = '') => `${prefix}${randomBytes(5).toString('hex')}`;

export async function makeColumn(db: Db, id = uid('col-')) {
  await db
    .insert(columns)
    .values({ id, nameZh: `栏目${id}`, nameEn: `Column ${id}` })
    .onConflictDoNothing();
  return id;
}

export async function makeTag(db: Db, id = uid('tag-'), parentId: string | null = null) {
  await db
    .insert(tags)
    .values({ id, parentId, nameZh: `标签${id}`, nameEn: `Tag ${id}` })
    .onConflictDoNothing();
  return id;
}

export async function makeBrand(db: Db, id = uid('brand-')) {
  await db
    .insert(brands)
    .values({ id, nameZh: `品牌${id}`, nameEn: `Brand ${id}`, country: 'CN' })
    .onConflictDoNothing();
  return id;
}

/** A model series of `brandId` (a new brand if none) in the machine class `classTagId` (a new class if none). */
export async function makeSeries(db: Db, brandId?: string, classTagId?: string, id = uid('series-')) {
  await db.insert(modelSeries).values({
    id,
    brandId: brandId ?? (await makeBrand(db)),
    classTagId: classTagId ?? (await makeTag(db)),
    nameZh: `系列${id}`,
    nameEn: `Series ${id}`,
  });
  return id;
}

export async function makeArticle(
  db: Db,
  overrides: Partial<typeof articles.$inferInsert> & {
    tagIds?: string[];
    brandIds?: string[];
    seriesIds?: string[];
  } = {},
) {
  const { tagIds = [], brandIds = [], seriesIds = [], ...values } = overrides;
  const columnId = values.columnId ?? (await makeColumn(db));
  const [row] = await db
    .insert(articles)
    .values({
      title: `测试文章 ${uid()}`,
      summary: '一篇用于测试的文章。',
      body: '<p>正文</p>',
      source: 'CCM 编辑部',
      status: 'published',
      publishedAt: new Date(),
      ...values,
      columnId,
    })
    .returning();
  if (tagIds.length)
    await db.insert(articleTags).values(tagIds.map((tagId) => ({ articleId: row.id, tagId })));
  if (brandIds.length)
    await db.insert(articleBrands).values(brandIds.map((brandId) => ({ articleId: row.id, brandId })));
  if (seriesIds.length)
    await db.insert(articleSeries).values(seriesIds.map((seriesId) => ({ articleId: row.id, seriesId })));
  return row;
}

export async function makeStaff(db: Db, role: StaffRole, password = `pw-${uid()}-long`) {
  const username = uid(`${role}-`);
  const id = await createStaff(db, { username, displayName: `测试 ${role}`, role, password });
  return { id, username, password, role };
}

/**
 * A member account with a signed-in session, made directly (no SMS code): `headers` carry the
 * bearer token for `inject`. The phone is a random mainland number in the 199 range.
 */
export async function makeMember(
  app: FastifyInstance,
  overrides: Partial<NewMember> = {},
  device: Device = { userAgent: 'vitest' },
) {
  const phone = `+86199${randomBytes(4).readUInt32BE(0).toString().padStart(8, '0').slice(-8)}`;
  const userId = await createMember(app.ctx, {
    phone,
    passwordHash: null,
    policyVersion: 'test',
    consents: { account: true },
    ...overrides,
  });
  const token = await createSession(app.ctx.db, app.ctx.clock, userId, device);
  return { userId, phone, token, headers: { authorization: `Bearer ${token}` } };
}
