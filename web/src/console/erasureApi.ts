/** The console's erasure receipts and retention (compliance; the sweep-now action is for admins). */
import { api } from '../shared/api.ts';
import { csrfHeader, type Label } from './consoleApi.ts';

export interface ErasureStep {
  table: string;
  action: 'delete-rows' | 'erase-columns' | 'keep' | 'remove-uploads' | 'destroy-key';
  columns: string[];
  kept: string[];
  rows: number | null;
  done: boolean;
}

export interface ErasureReceipt {
  id: string;
  userId: number;
  status: 'pending' | 'running' | 'completed' | 'failed';
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  steps: ErasureStep[];
  verification: { ok: boolean; checkedAt: string; tables: number; residue: string[] } | null;
  error: string | null;
}

export interface ReceiptPage {
  items: ErasureReceipt[];
  nextCursor: string | null;
}

export interface SweepTable {
  table: string;
  rule: string;
  action: 'delete-rows' | 'erase-columns';
  columns: string[];
  rows: number;
  startedAt: string;
  finishedAt: string;
}

export interface Sweep {
  id: number;
  trigger: 'schedule' | 'staff';
  startedAt: string;
  finishedAt: string | null;
  tables: SweepTable[];
  error: string | null;
}

export interface RetentionRule {
  table: string;
  after: 'created' | 'last-activity' | 'account-closed' | 'withdrawn';
  days: number;
  categories: { id: string; label: Label }[];
  columns: string[];
  action: 'delete-rows' | 'erase-columns';
  clock: string | null;
  unsupported: string | null;
  label: Label;
  lastSweep: SweepTable | null;
}

export const listErasures = (before?: string, signal?: AbortSignal) =>
  api<ReceiptPage>('/console/erasures', { query: { before }, signal });

export const getRetention = (signal: AbortSignal) =>
  api<{ rules: RetentionRule[]; lastSweep: Sweep | null }>('/console/retention', { signal });

export const runSweepNow = () =>
  api<Sweep>('/console/retention/sweeps', { method: 'POST', headers: csrfHeader() });
