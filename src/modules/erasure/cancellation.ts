/**
 * Account cancellation (policy part VI, PIPL art. 47): the member proves it is them with an SMS
 * code, the account is marked cancelled and its own row erased in one transaction (so its tokens
 * answer 401 and its phone can register anew at once), and the job erases the rest.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { allTables } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { CATEGORIES, type Category, type Label, retentionLabel } from '../../platform/personal-data.ts';
import { memberSubjectTables } from '../../platform/subject-data.ts';
import { users } from '../accounts/tables.ts';
import { destroyMemberKey, forgetMemberKey, memberCipher } from '../keys/member-keys.ts';
import { verifyCode } from '../sms/service.ts';
import { eraseIndexLinkedRows, isAccountTable, MEMBER_KEYS, planErasure, runTableStep } from './erase.ts';
import { kickErasure } from './job.ts';
import { type ErasureStep, erasureReceipts } from './tables.ts';

const PHONE_CONTEXT = 'users.phone';

const cancelled = () => new AppError('member.cancelled', 'This account is already cancelled.');

export async function cancelAccount(
  ctx: AppContext,
  userId: number,
  code: string,
): Promise<{ status: 'pending'; receiptId: string }> {
  const [user] = await ctx.db
    .select({ status: users.status, phoneCiphertext: users.phoneCiphertext })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.status === 'cancelled') throw cancelled();
  if (!user.phoneCiphertext)
    throw new AppError('member.no_phone', 'The account has no phone to send a code to.');
  const phone = (await memberCipher(ctx, userId)).decrypt(user.phoneCiphertext, PHONE_CONTEXT);
  await verifyCode(ctx, { phone, purpose: 'cancel-account', code });

  const receiptId = await openCancellation(ctx, userId);
  kickErasure(ctx, receiptId);
  return { status: 'pending', receiptId };
}

/**
 * Marks the account cancelled, erases its own row and records the receipt with the remaining
 * steps, in one transaction; answers the receipt id. The job (job.ts) does the rest.
 */
export async function openCancellation(ctx: AppContext, userId: number): Promise<string> {
  const receiptId = `er_${randomBytes(12).toString('hex')}`;
  const accountTables = new Set(
    memberSubjectTables(allTables)
      .filter(isAccountTable)
      .map((t) => t.name),
  );
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const marked = await tx
      .update(users)
      .set({ status: 'cancelled', updatedAt: ctx.clock.now() })
      .where(and(eq(users.id, userId), ne(users.status, 'cancelled')))
      .returning({ id: users.id });
    if (marked.length === 0) throw cancelled();
    // Crypto-shredding first: without the data key, no copy of the member's encrypted fields (in a
    // backup, a replica, a dump) can be read again, whatever the later steps meet.
    const destroyed: ErasureStep = {
      table: MEMBER_KEYS,
      action: 'destroy-key',
      columns: [],
      kept: [],
      rows: await destroyMemberKey(ctx, db, userId),
      done: true,
    };
    const linked = await eraseIndexLinkedRows(db, userId);
    const steps = await planErasure(db, userId);
    steps.splice(1, 0, ...linked);
    steps.unshift(destroyed);
    for (const step of steps) {
      if (!accountTables.has(step.table)) continue;
      step.rows = await runTableStep(db, step, userId);
      step.done = true;
    }
    await tx.insert(erasureReceipts).values({
      id: receiptId,
      userId,
      status: 'pending',
      steps,
      createdAt: ctx.clock.now(),
      startedAt: ctx.clock.now(),
    });
  });
  // Dropped again once committed, in case a read in between cached the key from the old row.
  forgetMemberKey(ctx.keyring, userId);
  ctx.log.info({ event: 'erasure.requested', receiptId }, 'account cancelled; erasure started');
  return receiptId;
}

export interface PreviewItem {
  category: Category;
  label: Label;
  action: 'delete' | 'anonymise' | 'keep';
  /** Why it is kept, and for how long after the account is closed. */
  reason: Label | null;
  retention: Label | null;
}

function joinLabels(a: Label | null, b: Label): Label {
  if (!a) return b;
  if (a.zh.split('；').includes(b.zh)) return a;
  return { zh: `${a.zh}；${b.zh}`, en: `${a.en}; ${b.en}` };
}

/** What cancellation does, per category, from the annotations of every member table. */
export function cancellationPreview(): { irreversible: true; items: PreviewItem[] } {
  const byKey = new Map<string, PreviewItem>();
  for (const st of memberSubjectTables(allTables)) {
    for (const c of st.columns) {
      const d = c.declaration;
      if (!d?.personal) continue;
      const action = d.erasure.action === 'keep-legal-hold' ? 'keep' : d.erasure.action;
      const key = `${d.category}|${action}`;
      const item = byKey.get(key) ?? {
        category: d.category,
        label: CATEGORIES[d.category],
        action,
        reason: null,
        retention: null,
      };
      byKey.set(key, item);
      if (d.erasure.action !== 'keep-legal-hold') continue;
      // One category can be kept by several tables for different reasons: each is told once.
      item.reason = joinLabels(item.reason, d.erasure.reason);
      item.retention = joinLabels(item.retention, retentionLabel(d.retention));
    }
  }
  const order = { delete: 0, anonymise: 1, keep: 2 };
  const items = [...byKey.values()].sort(
    (a, b) => order[a.action] - order[b.action] || a.category.localeCompare(b.category),
  );
  return { irreversible: true, items };
}
