/**
 * SMS verification codes: issuing them within the limits, and verifying them once. Used by the
 * sms-codes route and by the accounts capability (register, SMS login, password reset, phone
 * binding, cancellation, guardian consent) and by the guardian's own session (guardian/access.ts).
 *
 * Nothing here logs or returns a phone number or a code.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { users } from '../accounts/tables.ts';
import { claimAttempt, codeMatches, consume, currentCode, newCode, storeCode } from './codes.ts';
import { deliver } from './delivery.ts';
import { enforceSendLimits, SMS_LIMITS } from './limits.ts';
import type { SmsMessage, SmsPurpose } from './provider.ts';
import { codeText, noticeText } from './texts.ts';

export type Delivery = 'code' | 'notice-registered' | 'none';

const phoneIndexOf = (ctx: AppContext, e164: string) => ctx.keyring.blindIndex('phone', e164);

/**
 * Counts a request against the limits, then: 'code' stores and sends a new code; 'notice-registered'
 * sends a text saying the number already has an account; 'none' stores and sends nothing. All
 * three answer alike, so callers can hide whether a number is registered.
 */
export async function issueCode(
  ctx: AppContext,
  input: { phone: string /* E.164 */; purpose: SmsPurpose; ip: string; deliver?: Delivery },
): Promise<{ retryAfterSeconds: number }> {
  const { phone, purpose, ip, deliver: delivery = 'code' } = input;
  const phoneIndex = phoneIndexOf(ctx, phone);
  await enforceSendLimits(ctx, { phoneIndex, purpose, ip });
  const answer = { retryAfterSeconds: SMS_LIMITS.cooldownMs / 1000 };
  if (delivery === 'none') return answer;

  const signName = ctx.config.CCM_SMS_SIGN_NAME;
  let message: SmsMessage;
  if (delivery === 'notice-registered') {
    message = {
      to: phone,
      purpose,
      kind: 'notice-registered',
      code: '',
      text: noticeText(signName, purpose),
    };
  } else {
    const code = newCode();
    await storeCode(ctx, { phoneIndex, purpose, code });
    message = { to: phone, purpose, kind: 'code', code, text: codeText(signName, purpose, code) };
  }
  await deliver(ctx.sms, message, ctx.log);
  return answer;
}

const invalid = () =>
  new AppError('sms.code_invalid', 'The code is not valid. Check it or request a new one.');

/**
 * Consumes the code or throws sms.code_invalid (wrong, used, or none issued), sms.code_expired or
 * sms.too_many_attempts.
 *
 * "Expired" and "too many attempts" are told only to a caller who gives the right code: told to
 * anyone, they would show that a code exists for the number, and through the rules of issueCode,
 * whether the number is registered. Everyone else hears "invalid", as for a number without a code.
 */
export async function verifyCode(
  ctx: AppContext,
  input: { phone: string; purpose: SmsPurpose; code: string },
): Promise<void> {
  const { db, clock, keyring } = ctx;
  const row = await currentCode(db, phoneIndexOf(ctx, input.phone), input.purpose);
  if (!row || row.consumedAt) throw invalid();
  const right = codeMatches(keyring, row, input.code);
  if (!(await claimAttempt(db, row.id))) {
    if (right)
      throw new AppError('sms.too_many_attempts', 'This code is no longer valid. Request a new one.');
    throw invalid();
  }
  if (!right) throw invalid();
  if (row.expiresAt.getTime() <= clock.now().getTime())
    throw new AppError('sms.code_expired', 'The code has expired. Request a new one.');
  if (!(await consume(db, clock, row.id))) throw invalid();
}

/**
 * Whether the number belongs to an account that can still sign in.
 * (Reads the accounts' blind index directly until the accounts service offers this lookup.)
 */
async function isRegistered(ctx: AppContext, e164: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phoneIndex, phoneIndexOf(ctx, e164)), ne(users.status, 'cancelled')))
    .limit(1);
  return Boolean(row);
}

/** What a request for a code sends, by purpose and whether the number has an account. */
export function deliveryFor(purpose: SmsPurpose, registered: boolean): Delivery {
  switch (purpose) {
    case 'login':
    case 'reset-password':
    case 'cancel-account':
      return registered ? 'code' : 'none';
    case 'register':
      return registered ? 'notice-registered' : 'code';
    // Binding proves the phone is the caller's: a new number gets an account, a registered one
    // is linked to the account it already has. Either way a code, so nothing is revealed.
    case 'bind-phone':
    case 'guardian':
      return 'code';
    // Here "registered" means: the number is the consenting guardian of a child's account
    // (guardian/access.ts decides); anyone else is answered alike and sent nothing.
    case 'guardian-access':
      return registered ? 'code' : 'none';
  }
}

/** POST /auth/sms-codes: the same answer whether or not the number is registered. */
export async function requestCode(
  ctx: AppContext,
  input: { phone: string; purpose: SmsPurpose; ip: string },
): Promise<{ retryAfterSeconds: number }> {
  const registered = input.purpose === 'guardian' ? false : await isRegistered(ctx, input.phone);
  return issueCode(ctx, { ...input, deliver: deliveryFor(input.purpose, registered) });
}
