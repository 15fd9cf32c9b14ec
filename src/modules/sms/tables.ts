/**
 * SMS verification codes. A row names its phone only by the keyed blind index used for accounts
 * and holds its code only as a keyed hash: the table alone reveals neither numbers nor codes.
 * There is at most one code per phone and purpose; a new one replaces the old.
 */
import { index, integer, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { SMS_PURPOSES } from './provider.ts';

const codeData = (category: 'contact.phone' | 'credential.password', note: string) =>
  personal({
    category,
    purposes: ['account', 'security'],
    legalBasis: 'contract',
    sensitive: false,
    retention: RETAIN.days(1, 'created'),
    erasure: { action: 'delete' },
    note,
  });

export const smsCodes = ccmTable(
  'sms_codes',
  {
    /** Random per issue; part of the code's hash, and the guard of the conditional updates. */
    id: text('id').primaryKey(),
    phoneIndex: text('phone_index').notNull(),
    purpose: text('purpose', { enum: SMS_PURPOSES }).notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Verifications tried against this code, the right one included. */
    attempts: integer('attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  {
    columns: {
      id: notPersonal('random'),
      phoneIndex: codeData(
        'contact.phone',
        'keyed HMAC of the number (the accounts’ blind index), never the number',
      ),
      purpose: notPersonal(),
      codeHash: codeData('credential.password', 'keyed HMAC of the one-time code; the code is never stored'),
      createdAt: notPersonal(),
      expiresAt: notPersonal(),
      attempts: notPersonal(),
      consumedAt: notPersonal(),
    },
  },
  (t) => [
    uniqueIndex('sms_codes_phone_purpose_idx').on(t.phoneIndex, t.purpose),
    // For the retention sweep (deleteExpiredCodes).
    index('sms_codes_created_idx').on(t.createdAt),
  ],
);
