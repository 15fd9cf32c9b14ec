/** Wire shapes of the console's members API and of the staff access log. */
import { z } from 'zod';
import { AGE_GROUPS, GENDERS, USER_STATUSES } from '../accounts/tables.ts';
import { hasUnsafeCharacters } from '../profile/text-rules.ts';

const MaskedPhone = z.string().nullable().describe('masked, e.g. 138****5678; null when none is bound');
const Cursor = z.coerce.number().int().positive();

export const MemberListQuery = z.object({
  q: z
    .string()
    .max(64)
    .optional()
    .describe('a whole phone number (found through its blind index) or the start of a nickname'),
  status: z.enum(USER_STATUSES).optional(),
  before: Cursor.optional(),
});

export const MemberItem = z.object({
  id: z.number().int(),
  nickname: z.string().nullable(),
  phone: MaskedPhone,
  status: z.enum(USER_STATUSES),
  ageGroup: z.enum(AGE_GROUPS),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  ipRegion: z.string().nullable(),
});

export const MemberPage = z.object({ items: z.array(MemberItem), nextCursor: z.string().nullable() });

export const MemberDetail = MemberItem.extend({
  gender: z.enum(GENDERS).nullable(),
  birthday: z.string().nullable(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  updatedAt: z.string(),
  tags: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
  sessionCount: z.number().int().describe('signed-in devices whose session has not expired'),
  consents: z.array(
    z.object({
      purpose: z.string(),
      granted: z.boolean(),
      policyVersion: z.string(),
      createdAt: z.string(),
      channel: z.string().optional(),
      renewalNeeded: z.boolean().optional(),
    }),
  ),
});

export const MemberParams = z.object({ id: Cursor });

/** Why a staff member does something sensitive: written down, so it can be checked later. */
export const ReasonBody = z.object({
  reason: z
    .string()
    .trim()
    .min(5, { message: 'expected a reason of at least 5 characters' })
    .max(500)
    .refine((s) => !hasUnsafeCharacters(s, true), { message: 'contains control characters' }),
});

export const StatusChange = z.object({ id: z.number().int(), status: z.enum(USER_STATUSES) });

export const AccessLogQuery = z.object({
  before: Cursor.optional(),
  userId: Cursor.optional().describe('only entries about this member'),
});

export const AccessLogPage = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      staff: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
      action: z.string().describe('<object>.<verb>, e.g. member.reveal_phone'),
      targetUserId: z.number().int().nullable(),
      reason: z.string().nullable(),
      requestId: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
