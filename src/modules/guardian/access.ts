/**
 * The guardian's own way in (requirement 13, policy part VII): a guardian proves their phone with
 * an SMS code (purpose `guardian-access`) and gets a short session through which they can view,
 * correct and delete the data of the children whose guardian consent names that phone, and open
 * rights requests or cancel the account on their behalf, through the members' own flows.
 *
 * Which children a session reaches is worked out on every request: a child whose latest guardian
 * decision is a grant by this phone, whose account is a child's and not cancelled. A withdrawal,
 * a refusal, or a newer guardian's decision ends the reach at once, the session notwithstanding.
 *
 * The guardian is named only by the phone's blind index (the accounts' domain): no number is
 * stored here, logged, or returned. Every action lands in guardian_actions (append-only).
 */
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { hashToken, newToken } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { users } from '../accounts/tables.ts';
import { issueCode, verifyCode } from '../sms/service.ts';
import { type GuardianAction, guardianActions, guardianConsents, guardianSessions } from './tables.ts';

/** How long a guardian session lasts from the code; it is never extended. */
export const GUARDIAN_SESSION_MINUTES = 30;

export interface GuardianPrincipal {
  phoneIndex: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface ChildInCare {
  id: number;
  nickname: string | null;
  avatarUrl: string | null;
  consentedAt: string;
}

const phoneIndexOf = (ctx: AppContext, e164: string) => ctx.keyring.blindIndex('phone', e164);

/** The children in the care of the guardian behind the index, oldest consent first. */
export async function childrenInCare(
  ctx: AppContext,
  phoneIndex: string,
  only?: number,
): Promise<ChildInCare[]> {
  const latest = sql`${guardianConsents.id} = (SELECT max(g.id) FROM ${guardianConsents} g WHERE g.user_id = ${guardianConsents.userId})`;
  const rows = await ctx.db
    .select({
      id: users.id,
      nickname: users.nickname,
      avatarPath: users.avatarPath,
      decidedAt: guardianConsents.decidedAt,
    })
    .from(guardianConsents)
    .innerJoin(users, eq(users.id, guardianConsents.userId))
    .where(
      and(
        eq(guardianConsents.guardianPhoneIndex, phoneIndex),
        eq(guardianConsents.decision, 'granted'),
        latest,
        eq(users.ageGroup, 'child'),
        ne(users.status, 'cancelled'),
        only === undefined ? undefined : eq(users.id, only),
      ),
    )
    .orderBy(guardianConsents.decidedAt, users.id);
  return rows.map((r) => ({
    id: r.id,
    nickname: r.nickname,
    avatarUrl: r.avatarPath ? `/media/${r.avatarPath}` : null,
    consentedAt: r.decidedAt.toISOString(),
  }));
}

/**
 * Sends a guardian-access code when the number is the consenting guardian of a child's account,
 * and nothing otherwise; the answer, and the limits counted, are the same either way.
 */
export async function requestGuardianAccessCode(
  ctx: AppContext,
  phone: string,
  ip: string,
): Promise<{ retryAfterSeconds: number }> {
  const inCare = await childrenInCare(ctx, phoneIndexOf(ctx, phone));
  return issueCode(ctx, {
    phone,
    purpose: 'guardian-access',
    ip,
    deliver: inCare.length > 0 ? 'code' : 'none',
  });
}

/** Appends one row to the guardian's trail of a child's account. */
export async function recordGuardianAction(
  db: Db,
  ctx: AppContext,
  input: { userId: number; phoneIndex: string; action: GuardianAction; what?: string | null },
): Promise<void> {
  await db.insert(guardianActions).values({
    userId: input.userId,
    guardianPhoneIndex: input.phoneIndex,
    action: input.action,
    what: input.what ?? null,
    at: ctx.clock.now(),
  });
  ctx.log.info({ event: 'guardian.action', userId: input.userId, action: input.action }, 'guardian acted');
}

/**
 * Checks the code and opens a session; a number with no child in its care fails like a wrong code
 * (it was sent none). Answers the token (shown once) and the children it reaches.
 */
export async function openGuardianSession(
  ctx: AppContext,
  phone: string,
  code: string,
): Promise<{ token: string; expiresAt: string; children: ChildInCare[] }> {
  await verifyCode(ctx, { phone, purpose: 'guardian-access', code });
  const phoneIndex = phoneIndexOf(ctx, phone);
  const children = await childrenInCare(ctx, phoneIndex);
  if (children.length === 0)
    throw new AppError('sms.code_invalid', 'The code is not valid. Check it or request a new one.');
  const token = newToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + GUARDIAN_SESSION_MINUTES * 60_000);
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db
      .insert(guardianSessions)
      .values({ tokenHash: hashToken(token), guardianPhoneIndex: phoneIndex, createdAt: now, expiresAt });
    for (const child of children)
      await recordGuardianAction(db, ctx, { userId: child.id, phoneIndex, action: 'signed-in' });
  });
  return { token, expiresAt: expiresAt.toISOString(), children };
}

/** The guardian behind a token while the session lasts. */
export async function guardianForToken(
  ctx: AppContext,
  token: string,
): Promise<GuardianPrincipal | undefined> {
  const tokenHash = hashToken(token);
  const [row] = await ctx.db
    .select()
    .from(guardianSessions)
    .where(and(eq(guardianSessions.tokenHash, tokenHash), gt(guardianSessions.expiresAt, ctx.clock.now())));
  return row ? { phoneIndex: row.guardianPhoneIndex, tokenHash, expiresAt: row.expiresAt } : undefined;
}

export async function endGuardianSession(ctx: AppContext, tokenHash: string): Promise<void> {
  await ctx.db.delete(guardianSessions).where(eq(guardianSessions.tokenHash, tokenHash));
}

/**
 * The child, when in this guardian's care now; 404 alike for another guardian's child, an adult,
 * a cancelled account or no account at all, so a session cannot probe account numbers.
 */
export async function childInCare(
  ctx: AppContext,
  guardian: GuardianPrincipal,
  childId: number,
): Promise<ChildInCare> {
  const [child] = await childrenInCare(ctx, guardian.phoneIndex, childId);
  if (!child) throw new AppError('guardian.child_not_found');
  return child;
}
