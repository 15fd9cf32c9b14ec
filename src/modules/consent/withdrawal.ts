/**
 * What must happen at once when a member withdraws a consent: modules whose data exists only under
 * a purpose register a handler here (at import time), and the consent service runs the handlers of
 * a purpose right after recording its withdrawal. The consent module knows no other module's tables.
 */
import type { AppContext } from '../../context.ts';
import type { LedgerPurpose } from './policy-text.ts';

export type WithdrawalHandler = (ctx: Pick<AppContext, 'db' | 'clock'>, userId: number) => Promise<void>;

const handlers = new Map<LedgerPurpose, Map<string, WithdrawalHandler>>();

/** Registers `handler` under `name` for `purpose` (registering the same name again replaces it). */
export function onConsentWithdrawn(purpose: LedgerPurpose, name: string, handler: WithdrawalHandler): void {
  const forPurpose = handlers.get(purpose) ?? new Map<string, WithdrawalHandler>();
  forPurpose.set(name, handler);
  handlers.set(purpose, forPurpose);
}

/** Runs every handler of `purpose` for the member, one after the other. */
export async function runWithdrawalHandlers(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  userId: number,
  purpose: LedgerPurpose,
): Promise<void> {
  for (const handler of handlers.get(purpose)?.values() ?? []) await handler(ctx, userId);
}
