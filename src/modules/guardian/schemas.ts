/** Wire shapes of the guardian API: the notice, the request to a guardian, the decision, the status. */
import { z } from 'zod';
import { AGE_GROUPS } from '../accounts/tables.ts';
import { GUARDIAN_STATUSES } from './tables.ts';

export const NoticeQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export const NoticeOut = z.object({
  version: z.string().describe('name it in the decision (noticeVersion)'),
  contentHash: z.string().describe('SHA-256 of the notice in both languages, recorded with each decision'),
  lang: z.enum(['zh-CN', 'en']),
  title: z.string(),
  intro: z.string(),
  sections: z.array(
    z.object({
      id: z.string(),
      heading: z.string(),
      body: z
        .string()
        .describe('plain text: paragraphs separated by blank lines, list items start with "• "'),
    }),
  ),
  officer: z.object({
    name: z.string().describe('the person or role responsible for children’s personal information'),
    contact: z.string(),
  }),
  storageRegion: z.string(),
});

export const GuardianRequestBody = z.object({
  guardianPhone: z.string().min(5).max(20).describe('the guardian’s own mobile number'),
});

export const GuardianRequestOut = z.object({
  retryAfterSeconds: z.number().int(),
  guardianPhone: z.string().describe('masked, e.g. 138****5678'),
});

export const DecisionBody = z.object({
  code: z.string().regex(/^\d{6}$/, { message: 'expected the 6-digit code from the SMS' }),
  decision: z.enum(['accept', 'refuse']).describe('refuse also withdraws a consent given before'),
  noticeVersion: z.string().min(1).max(40).describe('the version of the notice the guardian read'),
});

export const GuardianStatusOut = z.object({
  ageGroup: z.enum(AGE_GROUPS),
  required: z.boolean().describe('true for a child under 14: the account is gated until a guardian agrees'),
  status: z.enum(GUARDIAN_STATUSES),
  requestPending: z.boolean().describe('a code was sent to a guardian and not yet used'),
  guardianPhone: z.string().nullable().describe('masked'),
  decidedAt: z.string().nullable(),
  noticeVersion: z.string().nullable(),
});
