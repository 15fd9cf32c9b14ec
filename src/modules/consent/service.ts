/**
 * The privacy policy as versioned documents, each member's consents (read from the ledger, with
 * the renewals a major version asks for), the console's ledger search, and the third parties.
 */

import { createHash } from 'node:crypto';
import { and, asc, desc, eq, getTableName, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type Db, preparedPerDatabase } from '../../db/client.ts';
import { allTables } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { buildInventory, type InventoryRowT } from '../../platform/inventory.ts';
import { declarationOf } from '../../platform/personal-data.ts';
import { logStaffAccess } from '../members/audit.ts';
import { profileChanged } from '../recommendations/profile-events.ts';
import { appendConsents, type ConsentRow, latestRecords } from './ledger.ts';
import {
  COLLECTION_MARKER,
  INITIAL_POLICY_EN,
  INITIAL_POLICY_VERSION,
  INITIAL_POLICY_ZH,
  LEDGER_PURPOSES,
  type LedgerPurpose,
  PURPOSE_INFO,
  purposeInfo,
} from './policy-text.ts';
import {
  type ConsentChannel,
  consentRecords,
  type PolicyKind,
  policyVersions,
  thirdParties,
} from './tables.ts';
import { runWithdrawalHandlers } from './withdrawal.ts';

export type Lang = 'zh-CN' | 'en';
type PolicyRow = typeof policyVersions.$inferSelect;

// ---------------------------------------------------------------------------------------------
// The policy

const canonicalBody = (body: string) =>
  body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

/** sha256 (hex) over the canonical bodies of both languages. */
export function policyHash(bodyZh: string, bodyEn: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ 'zh-CN': canonicalBody(bodyZh), en: canonicalBody(bodyEn) }))
    .digest('hex');
}

/** Member data only: staff accounts and the console's own records are not what a reader agrees to. */
export function memberInventory(): InventoryRowT[] {
  const memberTables = allTables.filter(
    (t) => declarationOf(t)?.subjectKind !== 'staff' && !getTableName(t).startsWith('staff_'),
  );
  return buildInventory(memberTables);
}

/** "What we collect, why, how long": one row per category, generated from the annotations. */
export function collectionSection(lang: Lang, rows: InventoryRowT[] = memberInventory()): string {
  const zh = lang === 'zh-CN';
  const pick = (l: { zh: string; en: string }) => (zh ? l.zh : l.en);
  const byCategory = new Map<string, InventoryRowT[]>();
  for (const row of rows) byCategory.set(row.category.id, [...(byCategory.get(row.category.id) ?? []), row]);
  const uniq = (values: string[]) => [...new Set(values)].join(zh ? '；' : '; ');
  const lines = [
    zh
      ? '| 个人信息 | 敏感 | 处理目的 | 处理依据 | 保存期限 | 期满或注销后 |'
      : '| Information | Sensitive | Purposes | Legal basis | Kept for | Afterwards |',
    '|---|---|---|---|---|---|',
  ];
  for (const group of byCategory.values()) {
    const first = group[0];
    lines.push(
      `| ${pick(first.category.label)} | ${group.some((r) => r.sensitive) ? (zh ? '是' : 'yes') : zh ? '否' : 'no'} | ${uniq(group.flatMap((r) => r.purposes.map((p) => pick(p.label))))} | ${uniq(group.map((r) => pick(r.legalBasis.label)))} | ${uniq(group.map((r) => pick(r.retention)))} | ${uniq(group.map((r) => pick(r.erasure.label)))} |`,
    );
  }
  return lines.join('\n');
}

/** The stored body with the generated section in place of its marker (or appended if absent). */
export function renderPolicyBody(body: string, lang: Lang, storageRegion: string): string {
  const section = `${collectionSection(lang)}\n\n${
    lang === 'zh-CN' ? `存储地区：${storageRegion}。` : `Storage region: ${storageRegion}.`
  }`;
  return body.includes(COLLECTION_MARKER)
    ? body.replace(COLLECTION_MARKER, section)
    : `${body.trimEnd()}\n\n${section}\n`;
}

const SEED_LOCK = 4242017;

/**
 * A fresh database gets CCM's first policy version and the third parties it names, once (under an
 * advisory lock, so instances starting together do not both write them).
 */
export async function ensurePolicy(db: Db, now: Date): Promise<void> {
  const [any] = await db.select({ v: policyVersions.version }).from(policyVersions).limit(1);
  if (any) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    const [again] = await tx.select({ v: policyVersions.version }).from(policyVersions).limit(1);
    if (again) return;
    // Effective from the start of the day of the version, Beijing time (or now, if earlier).
    const start = new Date(`${INITIAL_POLICY_VERSION}T00:00:00+08:00`);
    const at = start < now ? start : now;
    await tx.insert(policyVersions).values({
      version: INITIAL_POLICY_VERSION,
      kind: 'major',
      changedPurposes: [],
      bodyZh: INITIAL_POLICY_ZH,
      bodyEn: INITIAL_POLICY_EN,
      contentHash: policyHash(INITIAL_POLICY_ZH, INITIAL_POLICY_EN),
      publishedAt: at,
      effectiveAt: at,
      publishedBy: null,
    });
    const [tp] = await tx.select({ id: thirdParties.id }).from(thirdParties).limit(1);
    if (!tp) await tx.insert(thirdParties).values(INITIAL_THIRD_PARTIES);
  });
}

async function allVersions(db: Db): Promise<PolicyRow[]> {
  return db
    .select()
    .from(policyVersions)
    .orderBy(desc(policyVersions.publishedAt), desc(policyVersions.version));
}

/** The version in force: the newest one already effective (or the oldest, if none is yet). */
function inForce(versions: PolicyRow[], now: Date): PolicyRow | undefined {
  return versions.find((v) => v.effectiveAt <= now) ?? versions[versions.length - 1];
}

/** Inside a transaction, pass it as `db`: on PGlite a second connection would wait for it forever. */
/** The cache of the policy versions (a few rows, changed only by publishing). */
export const POLICY_VERSIONS_CACHE = 'policy-versions';
const VERSIONS_TTL_MS = 60_000;

async function versionsEnsured(
  ctx: Pick<AppContext, 'db' | 'clock'> & { caches?: AppContext['caches'] },
  db: Db = ctx.db,
): Promise<PolicyRow[]> {
  // Read through the cache only outside a transaction (a transaction reads its own view).
  const cache =
    ctx.caches && db === ctx.db
      ? ctx.caches.cache<PolicyRow[]>(POLICY_VERSIONS_CACHE, 1, VERSIONS_TTL_MS)
      : null;
  const hit = cache?.get('all');
  if (hit) return hit;
  let versions = await allVersions(db);
  if (versions.length === 0) {
    await ensurePolicy(db, ctx.clock.now());
    versions = await allVersions(db);
  }
  cache?.set('all', versions);
  return versions;
}

export async function currentPolicyRow(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  db: Db = ctx.db,
): Promise<PolicyRow> {
  return inForce(await versionsEnsured(ctx, db), ctx.clock.now())!;
}

const purposeView = (lang: Lang) =>
  PURPOSE_INFO.map((p) => ({
    id: p.id,
    title: lang === 'zh-CN' ? p.title.zh : p.title.en,
    required: p.required,
    sensitive: p.sensitive,
    guardianOnly: p.guardianOnly,
    impact: lang === 'zh-CN' ? p.impact.zh : p.impact.en,
  }));

const versionSummary = (v: PolicyRow) => ({
  version: v.version,
  kind: v.kind,
  changedPurposes: v.changedPurposes,
  contentHash: v.contentHash,
  publishedAt: v.publishedAt.toISOString(),
  effectiveAt: v.effectiveAt.toISOString(),
});

/** GET /privacy/policy: the version in force (or a named one), rendered in one language. */
export async function policyDocument(ctx: AppContext, lang: Lang, version?: string) {
  const versions = await versionsEnsured(ctx);
  const v = version ? versions.find((x) => x.version === version) : inForce(versions, ctx.clock.now());
  if (!v) throw new AppError('policy.version_not_found');
  return {
    ...versionSummary(v),
    lang,
    body: renderPolicyBody(lang === 'zh-CN' ? v.bodyZh : v.bodyEn, lang, ctx.config.CCM_STORAGE_REGION),
    purposes: purposeView(lang),
  };
}

export async function policyHistory(ctx: AppContext) {
  const versions = await versionsEnsured(ctx);
  const current = inForce(versions, ctx.clock.now());
  return versions.map((v) => ({ ...versionSummary(v), current: v.version === current?.version }));
}

export interface PublishInput {
  version: string;
  kind: PolicyKind;
  changedPurposes: string[];
  bodyZh: string;
  bodyEn: string;
  effectiveAt?: string;
}

/** Publishes a version (compliance). Errors name the field, so the console can show them in place. */
export async function publishPolicy(ctx: AppContext, staffId: number, input: PublishInput) {
  const errors: { path: string; message: string }[] = [];
  const now = ctx.clock.now();
  const unknown = input.changedPurposes.filter((p) => !(LEDGER_PURPOSES as readonly string[]).includes(p));
  if (unknown.length > 0)
    errors.push({ path: 'body.changedPurposes', message: `unknown purposes: ${unknown.join(', ')}` });
  if (input.kind === 'major' && input.changedPurposes.length === 0)
    errors.push({
      path: 'body.changedPurposes',
      message: 'a major version must name the purposes it changes',
    });
  if (input.kind === 'minor' && input.changedPurposes.length > 0)
    errors.push({
      path: 'body.changedPurposes',
      message: 'a minor version changes no purpose; publish a major version to ask for consent again',
    });
  if (input.bodyZh.trim() === '')
    errors.push({ path: 'body.bodyZh', message: 'the Chinese text is missing' });
  if (input.bodyEn.trim() === '')
    errors.push({ path: 'body.bodyEn', message: 'the English text is missing' });
  const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
  if (effectiveAt.getTime() < now.getTime() - 60_000)
    errors.push({ path: 'body.effectiveAt', message: 'must not be in the past' });
  const versions = await versionsEnsured(ctx);
  const latest = versions[0];
  if (latest && input.version <= latest.version)
    errors.push({ path: 'body.version', message: `must come after the latest version ${latest.version}` });
  if (errors.length > 0)
    throw new AppError('validation.failed', 'The policy version cannot be published.', { errors });
  const [row] = await ctx.db
    .insert(policyVersions)
    .values({
      version: input.version,
      kind: input.kind,
      changedPurposes: [...new Set(input.changedPurposes)],
      bodyZh: input.bodyZh,
      bodyEn: input.bodyEn,
      contentHash: policyHash(input.bodyZh, input.bodyEn),
      publishedAt: now,
      effectiveAt,
      publishedBy: staffId,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('policy.version_exists');
  // Every instance reads the new version on its next consent check.
  await ctx.caches.invalidate(POLICY_VERSIONS_CACHE, null);
  ctx.log.info(
    { event: 'policy.published', version: row.version, kind: row.kind, staffId },
    'policy published',
  );
  return { ...versionSummary(row), current: row.effectiveAt <= now };
}

// ---------------------------------------------------------------------------------------------
// Consents

/**
 * A granted purpose needs renewal when a major version in force, published after the version it
 * was granted under, changes it: until the member agrees again it counts as withdrawn.
 */
function renewalNeeded(record: ConsentRow, versions: PolicyRow[], now: Date): boolean {
  if (!record.granted) return false;
  const grantedUnder = versions.find((v) => v.version === record.policyVersion);
  return versions.some(
    (v) =>
      v.kind === 'major' &&
      v.effectiveAt <= now &&
      (!grantedUnder || v.publishedAt > grantedUnder.publishedAt) &&
      v.changedPurposes.includes(record.purpose),
  );
}

/**
 * One purpose's state, for the hot paths (the personalised feed asks on every request): the
 * member's latest record of that purpose through a prepared statement, and the policy versions
 * from the process (dropped on every publication, on every instance). Decides as consentStates.
 */
export async function purposeInForce(
  ctx: Pick<AppContext, 'db' | 'clock'> & { caches?: AppContext['caches'] },
  userId: number,
  purpose: LedgerPurpose,
): Promise<boolean> {
  const [record] = await latestRecordQuery(ctx.db).execute({ userId, purpose });
  return grantInForce(ctx, record ?? null);
}

/**
 * Whether a member's latest record of a purpose (read by the caller, for example together with
 * the session) is a grant in force: the same decision as purposeInForce, on a record at hand.
 */
export async function grantInForce(
  ctx: Pick<AppContext, 'db' | 'clock'> & { caches?: AppContext['caches'] },
  record: Pick<ConsentRow, 'purpose' | 'granted' | 'policyVersion'> | null,
): Promise<boolean> {
  if (!record?.granted) return false;
  return !renewalNeeded(record as ConsentRow, await versionsEnsured(ctx), ctx.clock.now());
}

const latestRecordQuery = preparedPerDatabase((db: Db) =>
  db
    .select()
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.userId, sql.placeholder('userId')),
        eq(consentRecords.purpose, sql.placeholder('purpose')),
      ),
    )
    .orderBy(desc(consentRecords.id))
    .limit(1)
    .prepare('consent_latest_of_purpose'),
);

/** The state the guard decides on: granted, under a policy that has not asked again since. */
export async function consentStates(ctx: Pick<AppContext, 'db' | 'clock'>, userId: number) {
  const [records, versions] = await Promise.all([latestRecords(ctx.db, userId), versionsEnsured(ctx)]);
  const now = ctx.clock.now();
  return new Map(
    records.map((r) => {
      const renew = renewalNeeded(r, versions, now);
      return [r.purpose, { record: r, renewalNeeded: renew, effective: r.granted && !renew }] as const;
    }),
  );
}

const recordView = (purpose: LedgerPurpose, r: ConsentRow | undefined, renewal: boolean) => {
  const info = purposeInfo(purpose);
  return {
    purpose,
    granted: Boolean(r?.granted) && !renewal,
    policyVersion: r?.policyVersion ?? null,
    at: r?.at.toISOString() ?? null,
    renewalNeeded: renewal,
    required: info.required,
    sensitive: info.sensitive,
  };
};

/** GET /me/consents: every purpose a member can switch (and children's data once recorded). */
export async function consentsOf(ctx: AppContext, userId: number) {
  const states = await consentStates(ctx, userId);
  return LEDGER_PURPOSES.filter((p) => !purposeInfo(p).guardianOnly || states.has(p)).map((p) => {
    const s = states.get(p);
    return recordView(p, s?.record, s?.renewalNeeded ?? false);
  });
}

export interface ConsentChange {
  granted: boolean;
  acknowledgedImpact?: boolean;
}

/** PUT /me/consents/{purpose}: one tap, appended to the ledger, in force for the next request. */
export async function setConsent(
  ctx: AppContext,
  userId: number,
  purpose: LedgerPurpose,
  change: ConsentChange,
  where: { channel: ConsentChannel; ipRegion: string | null },
) {
  const info = purposeInfo(purpose);
  if (info.guardianOnly) {
    throw new AppError(
      'consent.guardian_only',
      'Consent for a child’s data is given or withdrawn by the guardian, through the guardian page.',
    );
  }
  if (info.required && !change.granted) {
    throw new AppError(
      'consent.required_purpose',
      'The account purpose cannot be withdrawn on its own: withdrawing it means cancelling the account (Privacy Center → Cancel my account).',
      { cancelPath: '/privacy/cancel' },
    );
  }
  if (info.sensitive && change.granted && change.acknowledgedImpact !== true) {
    throw new AppError(
      'consent.acknowledgement_required',
      `“${info.title.en}” is sensitive personal information: confirm separately that you have read its purpose and impact (acknowledgedImpact: true).`,
      { purpose, impact: info.impact },
    );
  }
  const policy = await currentPolicyRow(ctx);
  const [row] = await appendConsents(ctx.db, [
    {
      userId,
      purpose,
      granted: change.granted,
      policyVersion: policy.version,
      policyHash: policy.contentHash,
      at: ctx.clock.now(),
      channel: where.channel,
      ipRegion: where.ipRegion,
    },
  ]);
  // Data that exists only under this purpose goes now, not at the next sweep.
  if (!change.granted) await runWithdrawalHandlers(ctx, userId, purpose);
  // Switched either way, the member's ranked lists go: off, the next feed is the general one; on
  // again, the profile is rebuilt from what is recorded before anything is ranked.
  if (purpose === 'personalization') await profileChanged(ctx, userId);
  return recordView(purpose, row, false);
}

/**
 * Registration's consents (channel `registration`), written in the caller's transaction with the
 * policy in force and its hash. Keys that are not consent purposes are not recorded.
 */
export async function recordRegistrationConsents(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  tx: Db,
  userId: number,
  consents: Record<string, boolean>,
  ipRegion: string | null,
  channel: ConsentChannel = 'registration',
): Promise<void> {
  const policy = await currentPolicyRow(ctx, tx);
  const at = ctx.clock.now();
  await appendConsents(
    tx,
    LEDGER_PURPOSES.filter((p) => p in consents && !purposeInfo(p).guardianOnly).map((purpose) => ({
      userId,
      purpose,
      granted: consents[purpose] === true,
      policyVersion: policy.version,
      policyHash: policy.contentHash,
      at,
      channel,
      ipRegion,
    })),
  );
}

/** A guardian's decision on a child's account, as consent to (or withdrawal of) children's data. */
export async function recordGuardianConsent(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  tx: Db,
  userId: number,
  granted: boolean,
): Promise<void> {
  const policy = await currentPolicyRow(ctx, tx);
  await appendConsents(tx, [
    {
      userId,
      purpose: 'child-data',
      granted,
      policyVersion: policy.version,
      policyHash: policy.contentHash,
      at: ctx.clock.now(),
      channel: 'guardian',
      ipRegion: null,
    },
  ]);
}

/** The console's view of a member's consents (current state per purpose, with renewals). */
export async function memberConsentSummary(ctx: Pick<AppContext, 'db' | 'clock'>, userId: number) {
  const states = await consentStates(ctx, userId);
  return [...states.values()].map(({ record, renewalNeeded: renew }) => ({
    purpose: record.purpose,
    granted: record.granted && !renew,
    policyVersion: record.policyVersion,
    createdAt: record.at.toISOString(),
    channel: record.channel,
    renewalNeeded: renew,
  }));
}

// ---------------------------------------------------------------------------------------------
// The console's ledger search

export interface LedgerQuery {
  userId?: number;
  purpose?: string;
  from?: string;
  to?: string;
  cursor?: number;
  limit?: number;
}

export async function searchLedger(
  ctx: AppContext,
  actor: { staffId: number; requestId: string },
  q: LedgerQuery,
) {
  const limit = q.limit ?? 50;
  const where: SQL[] = [];
  if (q.userId !== undefined) where.push(eq(consentRecords.userId, q.userId));
  if (q.purpose) where.push(eq(consentRecords.purpose, q.purpose));
  if (q.from) where.push(gte(consentRecords.at, new Date(q.from)));
  if (q.to) where.push(lte(consentRecords.at, new Date(q.to)));
  if (q.cursor !== undefined) where.push(lt(consentRecords.id, q.cursor));
  // A search is a read of members' consent records: it goes to the staff access log first.
  await logStaffAccess(ctx, {
    staffId: actor.staffId,
    requestId: actor.requestId,
    action: 'consent.search',
    targetUserId: q.userId ?? null,
  });
  const rows = await ctx.db
    .select()
    .from(consentRecords)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(consentRecords.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Third parties

type ThirdPartyInsert = typeof thirdParties.$inferInsert;

const INITIAL_THIRD_PARTIES: ThirdPartyInsert[] = [
  {
    name: '短信网关服务商（受托处理者） / SMS gateway (processor)',
    kind: 'processor',
    purposeZh: '发送注册、登录、找回密码和监护人同意所需的短信验证码',
    purposeEn: 'Sends the SMS codes for registration, sign-in, password reset and guardian consent',
    dataZh: '手机号码、短信内容（验证码）',
    dataEn: 'Mobile number and the message text (the code)',
    region: '中国大陆 / Mainland China',
    policyUrl: null,
  },
  {
    name: '微信开放平台 / WeChat Open Platform',
    kind: 'sign-in',
    purposeZh: '您选择用微信登录时，确认您的微信身份',
    purposeEn: 'Confirms your WeChat identity when you choose to sign in with WeChat',
    dataZh: '由您授权：微信账号标识（openid/unionid）、昵称、头像',
    dataEn: 'What you allow: the WeChat account identifier (openid/unionid), nickname, avatar',
    region: '中国大陆 / Mainland China',
    policyUrl: 'https://weixin.qq.com/cgi-bin/readtemplate?lang=zh_CN&t=weixin_agreement&s=privacy',
  },
  {
    name: '通过 Apple 登录 / Sign in with Apple',
    kind: 'sign-in',
    purposeZh: '您选择用 Apple 账号登录时，确认您的 Apple 身份',
    purposeEn: 'Confirms your Apple identity when you choose to sign in with Apple',
    dataZh: '由您授权：Apple 账号标识、电子邮箱（可为 Apple 中转邮箱）、姓名',
    dataEn: 'What you allow: the Apple account identifier, an email address (possibly Apple’s relay), name',
    region: '由 Apple 处理 / Processed by Apple',
    policyUrl: 'https://www.apple.com.cn/legal/privacy/',
  },
];

export type ThirdPartyInput = Omit<ThirdPartyInsert, 'id' | 'createdAt' | 'updatedAt'>;
const thirdPartyView = (t: typeof thirdParties.$inferSelect) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export async function listThirdParties(db: Db) {
  const rows = await db.select().from(thirdParties).orderBy(asc(thirdParties.kind), asc(thirdParties.id));
  return rows.map(thirdPartyView);
}

export async function createThirdParty(ctx: AppContext, input: ThirdPartyInput) {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(thirdParties)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning();
  return thirdPartyView(row);
}

export async function updateThirdParty(ctx: AppContext, id: number, input: ThirdPartyInput) {
  const [row] = await ctx.db
    .update(thirdParties)
    .set({ ...input, updatedAt: ctx.clock.now() })
    .where(eq(thirdParties.id, id))
    .returning();
  if (!row) throw new AppError('third_party.not_found');
  return thirdPartyView(row);
}

export async function deleteThirdParty(ctx: AppContext, id: number) {
  const rows = await ctx.db
    .delete(thirdParties)
    .where(eq(thirdParties.id, id))
    .returning({ id: thirdParties.id });
  if (rows.length === 0) throw new AppError('third_party.not_found');
}
