/** Wire shapes of cancellation, erasure receipts and retention. */
import { z } from 'zod';
import { RECEIPT_STATUSES } from './tables.ts';

const LabelSchema = z.object({ zh: z.string(), en: z.string() });

export const CancellationBody = z.object({
  code: z.string().trim().min(1).max(16).describe('the SMS code sent for purpose cancel-account'),
});
export const CancellationAccepted = z.object({ status: z.enum(RECEIPT_STATUSES), receiptId: z.string() });

export const CancellationPreview = z.object({
  irreversible: z.literal(true),
  items: z.array(
    z.object({
      category: z.string(),
      label: LabelSchema,
      action: z.enum(['delete', 'anonymise', 'keep']),
      reason: LabelSchema.nullable().describe('why it is kept (legal hold)'),
      retention: LabelSchema.nullable().describe('how long a kept item stays'),
    }),
  ),
});

const Step = z.object({
  table: z.string(),
  action: z.enum(['delete-rows', 'erase-columns', 'keep', 'remove-uploads', 'destroy-key']),
  columns: z.array(z.string()),
  kept: z.array(z.string()),
  rows: z.number().int().nullable(),
  done: z.boolean(),
});

export const Receipt = z.object({
  id: z.string(),
  userId: z.number().int(),
  status: z.enum(RECEIPT_STATUSES),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  steps: z.array(Step),
  verification: z
    .object({
      ok: z.boolean(),
      checkedAt: z.string(),
      tables: z.number().int(),
      residue: z.array(z.string()),
    })
    .nullable(),
  error: z.string().nullable(),
});
export const ReceiptPage = z.object({ items: z.array(Receipt), nextCursor: z.string().nullable() });
export const ReceiptQuery = z.object({
  before: z.string().max(40).optional().describe('the createdAt of the last receipt seen (nextCursor)'),
});

const SweepTableSchema = z.object({
  table: z.string(),
  rule: z.string(),
  action: z.enum(['delete-rows', 'erase-columns']),
  columns: z.array(z.string()),
  rows: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
});
export const Sweep = z.object({
  id: z.number().int(),
  trigger: z.enum(['schedule', 'staff']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  tables: z.array(SweepTableSchema),
  error: z.string().nullable(),
});

export const RetentionOverview = z.object({
  rules: z.array(
    z.object({
      table: z.string(),
      after: z.enum(['created', 'last-activity', 'account-closed', 'withdrawn']),
      days: z.number().int(),
      categories: z.array(z.object({ id: z.string(), label: LabelSchema })),
      columns: z.array(z.string()),
      action: z.enum(['delete-rows', 'erase-columns']),
      clock: z.string().nullable(),
      unsupported: z.string().nullable(),
      appendOnly: z.boolean(),
      label: LabelSchema,
      lastSweep: SweepTableSchema.nullable(),
    }),
  ),
  lastSweep: Sweep.nullable(),
});
