/** Request and answer schemas of the policy, consent, ledger and third-party routes. */
import { z } from 'zod';
import { LEDGER_PURPOSES } from './policy-text.ts';
import { CONSENT_CHANNELS, POLICY_KINDS, THIRD_PARTY_KINDS } from './tables.ts';

export const Lang = z.enum(['zh-CN', 'en']);
export const PolicyQuery = z.object({ lang: Lang.default('zh-CN'), version: z.string().max(40).optional() });

export const PurposeOut = z.object({
  id: z.enum(LEDGER_PURPOSES),
  title: z.string(),
  required: z.boolean(),
  sensitive: z.boolean(),
  /** Given by a guardian, never by the member's own switch. */
  guardianOnly: z.boolean(),
  /** What switching it on or off changes. */
  impact: z.string(),
});

const VersionSummary = z.object({
  version: z.string(),
  kind: z.enum(POLICY_KINDS),
  changedPurposes: z.array(z.string()),
  contentHash: z.string(),
  publishedAt: z.string(),
  effectiveAt: z.string(),
});

export const PolicyOut = VersionSummary.extend({
  lang: Lang,
  /** Markdown; the "what we collect" table in it is generated from the annotations. */
  body: z.string(),
  purposes: z.array(PurposeOut),
});

export const VersionOut = VersionSummary.extend({ current: z.boolean() });
export const VersionList = z.array(VersionOut);

export const ConsentPurposeParams = z.object({ purpose: z.enum(LEDGER_PURPOSES) });
export const ConsentBody = z.object({
  granted: z.boolean(),
  /** Required (true) to grant a sensitive purpose: the member confirmed its purpose and impact. */
  acknowledgedImpact: z.boolean().optional(),
});
export const ConsentOut = z.object({
  purpose: z.enum(LEDGER_PURPOSES),
  granted: z.boolean(),
  policyVersion: z.string().nullable(),
  at: z.string().nullable(),
  /** A major policy version changed this purpose since it was granted: ask again. */
  renewalNeeded: z.boolean(),
  required: z.boolean(),
  sensitive: z.boolean(),
});
export const ConsentList = z.array(ConsentOut);

const VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(\.[1-9]\d?)?$/;
export const PublishBody = z.object({
  version: z
    .string()
    .regex(VERSION, 'expected a date such as 2026-12-01, or 2026-12-01.2 for a second version that day'),
  kind: z.enum(POLICY_KINDS),
  changedPurposes: z.array(z.string().max(40)).max(20).default([]),
  bodyZh: z.string().max(200_000),
  bodyEn: z.string().max(200_000),
  effectiveAt: z.iso.datetime({ offset: true }).optional(),
});

export const LedgerQuery = z.object({
  userId: z.coerce.number().int().positive().optional(),
  purpose: z.enum(LEDGER_PURPOSES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const LedgerRow = z.object({
  id: z.number(),
  userId: z.number(),
  purpose: z.string(),
  granted: z.boolean(),
  policyVersion: z.string(),
  policyHash: z.string(),
  at: z.string(),
  channel: z.enum(CONSENT_CHANNELS),
  ipRegion: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export const LedgerPage = z.object({ items: z.array(LedgerRow), nextCursor: z.number().nullable() });

export const ChainVerdictOut = z.object({
  ok: z.boolean(),
  length: z.number(),
  lastId: z.number().nullable().optional(),
  chains: z.number().optional(),
  expiredChains: z.number().optional(),
  expiredRecords: z.number().optional(),
  brokenId: z.number().nullable().optional(),
  userId: z.number().nullable().optional(),
  reason: z
    .enum([
      'row-altered',
      'previous-row-missing',
      'rows-missing-at-end',
      'head-mismatch',
      'chain-missing',
      'expiry-log-broken',
    ])
    .optional(),
  detail: z.string().optional(),
});

const text = (max: number) => z.string().trim().min(1).max(max);
export const ThirdPartyBody = z.object({
  name: text(120),
  kind: z.enum(THIRD_PARTY_KINDS),
  purposeZh: text(500),
  purposeEn: text(500),
  dataZh: text(500),
  dataEn: text(500),
  region: text(120),
  policyUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
});
export const ThirdPartyOut = ThirdPartyBody.extend({
  id: z.number(),
  policyUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ThirdPartyList = z.array(ThirdPartyOut);
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
