/**
 * The daily re-evaluation of age groups: birthdays pass, so a child turns 14 (a minor, out of the
 * guardian gate) and a minor turns 18 (an adult). Only children and minors can change by ageing,
 * so only they are read (a partial index keeps them at hand); adults change only through PATCH /me.
 *
 * The same run finishes two chores of the same data: it encrypts bios and birthdays written in
 * plain text before encryption at rest existed (setting their age group on the way), and removes
 * guardian requests older than their declared 30 days.
 *
 * Safe to run on several instances at once and to repeat: each update is conditional on the values
 * it was computed from, so a row changed meanwhile (a birthday corrected) is left as it now is.
 */
import { and, asc, eq, gt, isNotNull, isNull, lt, ne, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../accounts/tables.ts';
import { memberCiphers } from '../keys/member-keys.ts';
import { type AgeGroup, ageGroupOn, chinaDate } from './age.ts';
import { bioChanges, birthdayChanges, openProfile } from './seal.ts';
import { guardianRequests } from './tables.ts';

export type AgeJobContext = Pick<AppContext, 'db' | 'clock' | 'keyring' | 'log'>;

export interface AgeReport {
  /** China date the groups were computed for. */
  date: string;
  /** Accounts whose plain bio or birthday was encrypted. */
  sealed: number;
  /** Children and minors looked at. */
  reviewed: number;
  /** Moves between groups, e.g. { "child->minor": 1 }. */
  changed: Record<string, number>;
  /** Birthdays that could not be decrypted (unknown key or damaged); their group is unchanged. */
  failed: number;
  /** Guardian requests removed after 30 days without a decision. */
  expiredRequests: number;
}

const REQUEST_DAYS = 30;

/** `column IS NOT DISTINCT FROM value`, for conditional updates. */
const same = (
  column: typeof users.bio | typeof users.birthday | typeof users.birthdayCiphertext,
  v: string | null,
): SQL => (v === null ? isNull(column) : eq(column, v));

async function sealPlainProfiles(ctx: AgeJobContext, batch: number): Promise<number> {
  const now = ctx.clock.now();
  let sealed = 0;
  let cursor = 0;
  for (;;) {
    const rows = await ctx.db
      .select({
        id: users.id,
        bio: users.bio,
        birthday: users.birthday,
        bioCiphertext: users.bioCiphertext,
        birthdayCiphertext: users.birthdayCiphertext,
      })
      .from(users)
      .where(and(gt(users.id, cursor), or(isNotNull(users.bio), isNotNull(users.birthday))))
      .orderBy(asc(users.id))
      .limit(batch);
    if (rows.length === 0) return sealed;
    cursor = rows.at(-1)!.id;
    await ctx.db.transaction(async (tx) => {
      const ciphers = await memberCiphers(
        ctx,
        rows.map((r) => r.id),
        { db: tx as unknown as Db, create: true },
      );
      for (const row of rows) {
        const cipher = ciphers.get(row.id)!;
        if (!cipher.hasKey) continue;
        // A ciphertext beside a plain value is the newer write; the plain one is only emptied.
        const changes = {
          ...(row.bio === null ? {} : row.bioCiphertext ? { bio: null } : bioChanges(cipher, row.bio)),
          ...(row.birthday === null
            ? {}
            : row.birthdayCiphertext
              ? { birthday: null }
              : birthdayChanges(cipher, row.birthday, now)),
        };
        const done = await tx
          .update(users)
          .set(changes)
          .where(and(eq(users.id, row.id), same(users.bio, row.bio), same(users.birthday, row.birthday)))
          .returning({ id: users.id });
        sealed += done.length;
      }
    });
  }
}

async function reviewNonAdults(ctx: AgeJobContext, batch: number, today: string, report: AgeReport) {
  let cursor = 0;
  for (;;) {
    const rows = await ctx.db
      .select({
        id: users.id,
        ageGroup: users.ageGroup,
        bio: users.bio,
        bioCiphertext: users.bioCiphertext,
        birthday: users.birthday,
        birthdayCiphertext: users.birthdayCiphertext,
      })
      .from(users)
      // The predicate of users_non_adult_idx, so the daily read stays small.
      .where(and(ne(users.ageGroup, 'adult'), gt(users.id, cursor)))
      .orderBy(asc(users.id))
      .limit(batch);
    if (rows.length === 0) return;
    cursor = rows.at(-1)!.id;
    const ciphers = await memberCiphers(
      ctx,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      report.reviewed += 1;
      let group: AgeGroup;
      try {
        group = ageGroupOn(openProfile(ciphers.get(row.id)!, row).birthday, today);
      } catch (err) {
        report.failed += 1;
        ctx.log.warn({ event: 'age.undecryptable', userId: row.id, err }, 'birthday cannot be decrypted');
        continue;
      }
      if (group === row.ageGroup) continue;
      const done = await ctx.db
        .update(users)
        .set({ ageGroup: group })
        .where(
          and(
            eq(users.id, row.id),
            eq(users.ageGroup, row.ageGroup),
            same(users.birthdayCiphertext, row.birthdayCiphertext),
          ),
        )
        .returning({ id: users.id });
      if (done.length > 0) {
        const move = `${row.ageGroup}->${group}`;
        report.changed[move] = (report.changed[move] ?? 0) + 1;
      }
    }
  }
}

/** Runs the whole re-evaluation once; see the module comment. */
export async function reevaluateAgeGroups(
  ctx: AgeJobContext,
  options: { batch?: number } = {},
): Promise<AgeReport> {
  const batch = options.batch ?? 500;
  const now = ctx.clock.now();
  const report: AgeReport = {
    date: chinaDate(now),
    sealed: 0,
    reviewed: 0,
    changed: {},
    failed: 0,
    expiredRequests: 0,
  };
  report.sealed = await sealPlainProfiles(ctx, batch);
  await reviewNonAdults(ctx, batch, report.date, report);
  const expired = await ctx.db
    .delete(guardianRequests)
    .where(lt(guardianRequests.requestedAt, new Date(now.getTime() - REQUEST_DAYS * 86_400_000)))
    .returning({ userId: guardianRequests.userId });
  report.expiredRequests = expired.length;
  ctx.log.info({ event: 'age.reevaluated', ...report }, 'age groups re-evaluated');
  return report;
}
