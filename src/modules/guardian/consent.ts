/**
 * Guardian consent for a child's account (requirement 13): the child names a guardian's phone,
 * the guardian receives a code (SMS purpose `guardian`), reads the notice and enters the code with
 * a decision on the child's device. Accepting releases the account; refusing (or withdrawing a
 * consent given before) records the refusal and signs the child out everywhere.
 *
 * The guardian's number is kept only encrypted with its blind index, and never logged or returned
 * except masked.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/phone.ts';
import { revokeOtherSessions } from '../accounts/sessions.ts';
import { users } from '../accounts/tables.ts';
import { recordGuardianConsent } from '../consent/service.ts';
import { memberCipher, writerFor } from '../keys/member-keys.ts';
import { requestCode, verifyCode } from '../sms/service.ts';
import type { AgeGroup } from './age.ts';
import { GUARDIAN_NOTICE_VERSION, guardianNotices, noticeSettingsOf } from './notice.ts';
import { type GuardianDecision, type GuardianStatus, guardianConsents, guardianRequests } from './tables.ts';

const REQUEST_CONTEXT = 'guardian_requests.guardian_phone';
const CONSENT_CONTEXT = 'guardian_consents.guardian_phone';
/** The channel recorded with a decision: given by the guardian with a code sent to their phone. */
const CHANNEL = 'guardian';

/** Same domain as account phones, so a guardian's own rights request finds these rows too. */
const phoneIndexOf = (ctx: AppContext, e164: string) => ctx.keyring.blindIndex('phone', e164);

async function accountOf(ctx: AppContext, userId: number) {
  const [user] = await ctx.db
    .select({ ageGroup: users.ageGroup, phoneIndex: users.phoneIndex })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError('account.not_found');
  return user;
}

function requireChild(ageGroup: AgeGroup): void {
  if (ageGroup !== 'child') {
    throw new AppError(
      'guardian.not_required',
      'Only accounts of children under 14 need a guardian’s consent.',
    );
  }
}

export interface GuardianStatusView {
  ageGroup: AgeGroup;
  /** True for a child's account: the gate applies until a guardian consents. */
  required: boolean;
  status: GuardianStatus;
  /** A code was sent to a guardian and no decision has been entered since. */
  requestPending: boolean;
  /** Masked: the pending request's number, or else the one behind the last decision. */
  guardianPhone: string | null;
  decidedAt: string | null;
  noticeVersion: string | null;
}

export async function guardianStatusOf(ctx: AppContext, userId: number): Promise<GuardianStatusView> {
  const { ageGroup } = await accountOf(ctx, userId);
  const [latest] = await ctx.db
    .select()
    .from(guardianConsents)
    .where(eq(guardianConsents.userId, userId))
    .orderBy(desc(guardianConsents.id))
    .limit(1);
  const [request] = await ctx.db.select().from(guardianRequests).where(eq(guardianRequests.userId, userId));
  // A standing consent stays "granted" while a withdrawal is under way; otherwise a sent code
  // is what the child is waiting for.
  const status: GuardianStatus =
    latest?.decision === 'granted' ? 'granted' : request ? 'pending' : (latest?.decision ?? 'none');
  const cipher = await memberCipher(ctx, userId);
  const phone = request
    ? cipher.decrypt(request.guardianPhoneCiphertext, REQUEST_CONTEXT)
    : latest?.guardianPhoneCiphertext
      ? cipher.decrypt(latest.guardianPhoneCiphertext, CONSENT_CONTEXT)
      : null;
  return {
    ageGroup,
    required: ageGroup === 'child',
    status,
    requestPending: Boolean(request),
    guardianPhone: phone ? maskPhone(phone) : null,
    decidedAt: latest?.decidedAt.toISOString() ?? null,
    noticeVersion: latest?.noticeVersion ?? null,
  };
}

/**
 * Sends a guardian code to the phone (E.164) and records it as the child's open request, replacing
 * any earlier one. The send limits of every SMS code apply (429 before anything is recorded).
 */
export async function requestGuardianConsent(
  ctx: AppContext,
  userId: number,
  guardianPhone: string,
  ip: string,
): Promise<{ retryAfterSeconds: number; guardianPhone: string }> {
  const account = await accountOf(ctx, userId);
  requireChild(account.ageGroup);
  const index = phoneIndexOf(ctx, guardianPhone);
  if (index === account.phoneIndex) {
    throw new AppError('validation.failed', 'The guardian’s phone must be the guardian’s own number.', {
      errors: [{ path: 'body.guardianPhone', message: 'is the phone number of this account' }],
    });
  }
  const answer = await requestCode(ctx, { phone: guardianPhone, purpose: 'guardian', ip });
  const row = {
    userId,
    guardianPhoneCiphertext: (await writerFor(ctx, userId)).encrypt(guardianPhone, REQUEST_CONTEXT),
    guardianPhoneIndex: index,
    requestedAt: ctx.clock.now(),
  };
  await ctx.db
    .insert(guardianRequests)
    .values(row)
    .onConflictDoUpdate({ target: guardianRequests.userId, set: row });
  return { retryAfterSeconds: answer.retryAfterSeconds, guardianPhone: maskPhone(guardianPhone) };
}

export interface DecisionInput {
  code: string;
  decision: 'accept' | 'refuse';
  noticeVersion: string;
}

/**
 * The guardian's decision, proven by the code sent to the open request's phone. The notice version
 * is checked before the code, so a stale page does not use up the code.
 */
export async function decideGuardianConsent(
  ctx: AppContext,
  userId: number,
  input: DecisionInput,
): Promise<GuardianStatusView> {
  requireChild((await accountOf(ctx, userId)).ageGroup);
  if (input.noticeVersion !== GUARDIAN_NOTICE_VERSION) {
    throw new AppError('guardian.notice_outdated', 'Read the current guardian notice, then decide.', {
      currentVersion: GUARDIAN_NOTICE_VERSION,
    });
  }
  const [request] = await ctx.db.select().from(guardianRequests).where(eq(guardianRequests.userId, userId));
  if (!request) throw new AppError('guardian.no_request');
  const cipher = await writerFor(ctx, userId);
  const phone = cipher.decrypt(request.guardianPhoneCiphertext, REQUEST_CONTEXT);
  await verifyCode(ctx, { phone, purpose: 'guardian', code: input.code });

  const decision: GuardianDecision = input.decision === 'accept' ? 'granted' : 'refused';
  const notice = guardianNotices(noticeSettingsOf(ctx.config))['zh-CN'];
  await ctx.db.transaction(async (tx) => {
    await tx.insert(guardianConsents).values({
      userId,
      decision,
      guardianPhoneIndex: request.guardianPhoneIndex,
      guardianPhoneCiphertext: cipher.encrypt(phone, CONSENT_CONTEXT),
      noticeVersion: notice.version,
      noticeHash: notice.contentHash,
      channel: CHANNEL,
      decidedAt: ctx.clock.now(),
    });
    // The consent ledger keeps the decision as consent to (or withdrawal of) children's data.
    await recordGuardianConsent(ctx, tx, userId, decision === 'granted');
    // Only the request that was answered: a newer one sent meanwhile stays open.
    await tx
      .delete(guardianRequests)
      .where(and(eq(guardianRequests.userId, userId), eq(guardianRequests.requestedAt, request.requestedAt)));
  });
  // Refused or withdrawn: the account falls back to anonymous use on every device at once.
  if (decision === 'refused') await revokeOtherSessions(ctx.db, userId);
  ctx.log.info({ event: 'guardian.decision', userId, decision }, 'guardian decision recorded');
  return guardianStatusOf(ctx, userId);
}
