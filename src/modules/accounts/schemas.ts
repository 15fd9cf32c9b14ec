/** Wire shapes of the accounts API (the contract's Accounts table). */
import { z } from 'zod';
import { GUARDIAN_STATUSES } from '../guardian/tables.ts';
import { SMS_PURPOSES } from '../sms/provider.ts';
import { AGE_GROUPS, GENDERS } from './tables.ts';

export const Phone = z.string().min(5).max(20);
export const Code = z.string().regex(/^\d{6}$/, { message: 'expected the 6-digit code from the SMS' });

export const Me = z.object({
  id: z.number().int(),
  phone: z.string().nullable().describe('masked, e.g. 138****5678'),
  nickname: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  birthday: z.string().nullable(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  tags: z.array(z.string()),
  ageGroup: z.enum(AGE_GROUPS),
  ipRegion: z.string().nullable(),
  guardianNotice: z
    .boolean()
    .optional()
    .describe('under 18: tell the member to read the privacy policy with a guardian'),
  guardianStatus: z
    .enum(GUARDIAN_STATUSES)
    .optional()
    .describe('children under 14 only: where the guardian’s consent stands (GET /me/guardian)'),
});

export const SignedIn = z.object({
  token: z.string().describe('bearer token for API clients; browsers also get the ccm_session cookie'),
  csrfToken: z.string().describe('for cookie-authenticated unsafe requests (X-CSRF-Token)'),
  user: Me,
});

export const RegisterBody = z.object({
  phone: Phone,
  code: Code,
  password: z.string().max(200),
  policyVersion: z.string().min(1).max(40),
  consents: z.record(z.string().max(40), z.boolean()),
  tags: z.array(z.string().max(60)).max(30).optional(),
  /** Brands the new member wants news of: followed from the start (Me → 关注 lists and removes them). */
  brands: z.array(z.string().max(60)).max(10).optional(),
});

export const LoginBody = z.object({ phone: Phone, password: z.string().min(1).max(200) });
export const SmsLoginBody = z.object({ phone: Phone, code: Code });
export const ResetBody = z.object({ phone: Phone, code: Code, newPassword: z.string().max(200) });
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().max(200),
});

export const SessionOut = z.object({
  id: z.string(),
  deviceName: z.string().nullable(),
  userAgent: z.string().nullable(),
  platform: z.string().nullable(),
  appVersion: z.string().nullable(),
  ipRegion: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});

export const SmsPurpose = z.enum(SMS_PURPOSES);
