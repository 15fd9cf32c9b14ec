/**
 * Erasure receipts (account cancellation) and retention sweeps. Neither holds personal data: a
 * receipt names the account only by its bare number, which after the erasure points to a
 * tombstone row, and records per table what was done and how many rows.
 */
import { bigint, index, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';

export const RECEIPT_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * What one step of an erasure does to one table (or to the member's uploads). `destroy-key` deletes
 * the member's data key (modules/keys/member-keys.ts), the first step of every cancellation.
 */
export type StepAction = 'delete-rows' | 'erase-columns' | 'keep' | 'remove-uploads' | 'destroy-key';

export interface ErasureStep {
  /** The SQL table name, or `uploads` for files under the data directory. */
  table: string;
  action: StepAction;
  /** SQL names of the columns erased (erase-columns) or kept under legal hold. */
  columns: string[];
  kept: string[];
  /** Rows deleted or changed (files removed, for uploads); null until the step is done. */
  rows: number | null;
  done: boolean;
  /** Random upload file names to remove (names only, meaningless once the file is gone). */
  files?: string[];
}

export interface Verification {
  ok: boolean;
  checkedAt: string;
  tables: number;
  /** `table.column` still holding a value that should be gone; `uploads` for a file left. */
  residue: string[];
}

const receiptRecord = personal({
  category: 'account.identifier',
  purposes: ['legal-compliance'],
  legalBasis: 'legal-obligation',
  sensitive: false,
  // Longer than every account-closed hold (3 years), whose clock is the receipt.
  retention: RETAIN.days(365 * 5, 'created'),
  erasure: {
    action: 'keep-legal-hold',
    reason: {
      zh: '注销凭证证明删除已按要求完成，仅含账号的编号',
      en: 'the receipt proves the erasure was carried out; it holds only the account’s bare number',
    },
  },
  note: 'the bare number of a cancelled account, whose row is a tombstone',
});

export const erasureReceipts = ccmTable(
  'erasure_receipts',
  {
    id: text('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    status: text('status', { enum: RECEIPT_STATUSES }).notNull().default('pending'),
    /** The ordered step list: the job's state, resumed where it stopped. */
    steps: jsonb('steps').$type<ErasureStep[]>().notNull(),
    verification: jsonb('verification').$type<Verification>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** An error code or class name, never a message that could quote a value. */
    error: text('error'),
  },
  {
    columns: {
      id: notPersonal('random'),
      userId: receiptRecord,
      status: notPersonal(),
      steps: notPersonal('table names, actions and row counts only'),
      verification: notPersonal('table and column names only'),
      createdAt: notPersonal(),
      startedAt: notPersonal(),
      finishedAt: notPersonal(),
      error: notPersonal('an error class, never a value'),
    },
  },
  (t) => [index('erasure_receipts_user_idx').on(t.userId), index('erasure_receipts_status_idx').on(t.status)],
);

export interface SweepTable {
  table: string;
  rule: string;
  action: 'delete-rows' | 'erase-columns';
  columns: string[];
  rows: number;
  startedAt: string;
  finishedAt: string;
}

export const SWEEP_TRIGGERS = ['schedule', 'staff'] as const;

export const retentionSweeps = ccmTable(
  'retention_sweeps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    trigger: text('trigger', { enum: SWEEP_TRIGGERS }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    tables: jsonb('tables').$type<SweepTable[]>().notNull(),
    error: text('error'),
  },
  {
    columns: {
      id: notPersonal(),
      trigger: notPersonal(),
      startedAt: notPersonal(),
      finishedAt: notPersonal(),
      tables: notPersonal('table and column names and row counts only'),
      error: notPersonal('an error class, never a value'),
    },
  },
);
