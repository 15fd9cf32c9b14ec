/**
 * Members as the console sees them (support and compliance): a searchable list, one member's
 * record, the full phone number on request, suspension. Phones are shown masked; the full number
 * leaves only through `revealPhone`. Every function here logs to the staff access log before it
 * answers, so no path reads member data unrecorded.
 */
import { and, asc, count, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import type { FieldCipher } from '../../platform/field-crypto.ts';
import { maskPhone, parsePhone } from '../../platform/phone.ts';
import { phoneIndexOf } from '../accounts/service.ts';
import { revokeOtherSessions } from '../accounts/sessions.ts';
import { memberSessions, type USER_STATUSES, users, userTags } from '../accounts/tables.ts';
import { memberConsentSummary } from '../consent/service.ts';
import { tags } from '../content/tables.ts';
import { childDataAccessed } from '../guardian/access-log.ts';
import { openProfile } from '../guardian/seal.ts';
import { cipherFromRow, memberCipher, wrappedKeyOf } from '../keys/member-keys.ts';
import { logStaffAccess } from './audit.ts';

export type UserStatus = (typeof USER_STATUSES)[number];

/** Who is acting, for the access log. */
export interface Actor {
  staffId: number;
  requestId: string;
}

export const MEMBERS_PAGE = 30;

/** The encryption context of users.phone_ciphertext (its annotation's `encrypted`). */
const PHONE_CONTEXT = 'users.phone';

const maskedPhone = (cipher: FieldCipher, ciphertext: string | null) =>
  ciphertext ? maskPhone(cipher.decrypt(ciphertext, PHONE_CONTEXT)) : null;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** LIKE treats % and _ as wildcards; a nickname prefix is matched literally. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A phone number (any accepted form) is looked up through its blind index, so finding one member
 * decrypts nothing; anything else is a nickname prefix, without regard to case.
 */
function searchCondition(ctx: AppContext, q: string | undefined) {
  const text = q?.trim();
  if (!text) return undefined;
  const phone = parsePhone(text);
  if (phone) return eq(users.phoneIndex, phoneIndexOf(ctx, phone));
  return sql`lower(${users.nickname}) like lower(${likePrefix(text)})`;
}

export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string; status?: UserStatus; before?: number },
) {
  await logStaffAccess(ctx, { ...actor, action: 'member.list' });
  // Newest first by id: ids are given in joining order, and the primary key makes every page cheap.
  const rows = await ctx.db
    .select({
      id: users.id,
      nickname: users.nickname,
      phoneCiphertext: users.phoneCiphertext,
      wrappedKey: wrappedKeyOf(users.id),
      status: users.status,
      ageGroup: users.ageGroup,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
      ipRegion: users.ipRegion,
    })
    .from(users)
    .where(
      and(
        searchCondition(ctx, query.q),
        query.status ? eq(users.status, query.status) : undefined,
        query.before ? lt(users.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(users.id))
    .limit(MEMBERS_PAGE + 1);
  const page = rows.slice(0, MEMBERS_PAGE);
  return {
    items: page.map(({ phoneCiphertext, wrappedKey, ...m }) => ({
      ...m,
      phone: maskedPhone(cipherFromRow(ctx, m.id, wrappedKey), phoneCiphertext),
      createdAt: m.createdAt.toISOString(),
      lastLoginAt: iso(m.lastLoginAt),
    })),
    nextCursor: rows.length > MEMBERS_PAGE ? String(page.at(-1)!.id) : null,
  };
}

async function findMember(ctx: AppContext, id: number) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!user) throw new AppError('account.not_found');
  return user;
}

export async function memberDetail(ctx: AppContext, actor: Actor, id: number) {
  const user = await findMember(ctx, id);
  await logStaffAccess(ctx, { ...actor, action: 'member.view', targetUserId: id });
  // Requirement 13 also keeps a log of staff reads of children's accounts; it checks the age
  // group itself in the same statement, so it is called for every record opened.
  await childDataAccessed(ctx, actor.staffId, id, 'profile');
  const [tagRows, [sessions], consents] = await Promise.all([
    ctx.db
      .select({ id: tags.id, nameZh: tags.nameZh, nameEn: tags.nameEn })
      .from(userTags)
      .innerJoin(tags, eq(tags.id, userTags.tagId))
      .where(eq(userTags.userId, id))
      .orderBy(asc(tags.position), asc(tags.id)),
    ctx.db
      .select({ n: count() })
      .from(memberSessions)
      .where(and(eq(memberSessions.userId, id), gt(memberSessions.expiresAt, ctx.clock.now()))),
    // The consent ledger's current state per purpose (modules/consent), not the registration table.
    memberConsentSummary(ctx, id),
  ]);
  const cipher = await memberCipher(ctx, id);
  const { bio, birthday } = openProfile(cipher, user);
  return {
    id: user.id,
    nickname: user.nickname,
    phone: maskedPhone(cipher, user.phoneCiphertext),
    status: user.status,
    ageGroup: user.ageGroup,
    gender: user.gender,
    birthday,
    bio,
    avatarUrl: user.avatarPath ? `/media/${user.avatarPath}` : null,
    ipRegion: user.ipRegion,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastLoginAt: iso(user.lastLoginAt),
    tags: tagRows,
    sessionCount: Number(sessions.n),
    consents,
  };
}

/** The full number, logged with the reason first: if the log cannot be written, nothing is shown. */
export async function revealPhone(ctx: AppContext, actor: Actor, id: number, reason: string) {
  const user = await findMember(ctx, id);
  if (!user.phoneCiphertext) throw new AppError('member.no_phone');
  await logStaffAccess(ctx, { ...actor, action: 'member.reveal_phone', targetUserId: id, reason });
  await childDataAccessed(ctx, actor.staffId, id, 'phone');
  return (await memberCipher(ctx, id)).decrypt(user.phoneCiphertext, PHONE_CONTEXT);
}

/**
 * Suspends (every session ends at once; sign-in refuses non-active accounts) or restores a member,
 * with the log entry in the same transaction. A cancelled account stays cancelled.
 */
export async function setSuspended(
  ctx: AppContext,
  actor: Actor,
  id: number,
  suspend: boolean,
  reason: string,
) {
  const status: UserStatus = suspend ? 'suspended' : 'active';
  return ctx.db.transaction(async (tx) => {
    // One conditional update, so a cancellation at the same moment cannot be overwritten.
    const changed = await tx
      .update(users)
      .set({ status, updatedAt: ctx.clock.now() })
      .where(and(eq(users.id, id), ne(users.status, 'cancelled')))
      .returning({ id: users.id });
    if (changed.length === 0) {
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
      throw user
        ? new AppError('member.cancelled', 'A cancelled account cannot be suspended or restored.')
        : new AppError('account.not_found');
    }
    if (suspend) await revokeOtherSessions(tx, id);
    await logStaffAccess(
      ctx,
      { ...actor, action: suspend ? 'member.suspend' : 'member.unsuspend', targetUserId: id, reason },
      tx,
    );
    return { id, status };
  });
}
