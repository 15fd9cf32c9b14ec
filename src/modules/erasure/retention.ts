/**
 * Retention sweeps (PIPL art. 19): every `days` rule of the annotations is enforced by deleting or
 * blanking the rows whose clock ran out, in batches of BATCH rows per statement, so a large backlog
 * never holds long locks. Each run is recorded in retention_sweeps (per table: rows affected).
 *
 * The clock of a rule: `created` counts from the table's createdAt, `last-activity` from its
 * lastSeenAt, unless the table declares another column (`retentionClock`); `account-closed` counts
 * from the completed erasure receipt of the row's member; `withdrawn` needs the consent ledger and
 * is reported unsupported until a table can say when its consent was withdrawn.
 *
 * Append-only ledgers are never swept row by row. One that can expire a member's whole chain through
 * its own path (LEDGER_EXPIRY: the consent ledger writes a tombstone, then deletes) has its
 * `account-closed` rule applied through that path; any other rule of such a table is unsupported.
 */
import { desc, eq, getTableColumns, getTableName, type SQL, sql, type Table } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { allTables } from '../../db/schema.ts';
import {
  type Category,
  declarationOf,
  type Label,
  type PersonalDeclaration,
  type RetentionAfter,
  retentionLabel,
} from '../../platform/personal-data.ts';
import { expireConsentChains } from '../consent/ledger.ts';
import { consentRecords } from '../consent/tables.ts';
import { chinaDate } from '../guardian/age.ts';
import { hit } from '../security/rate-limit.ts';
import { retentionSweeps, type SweepTable } from './tables.ts';

export const BATCH = 1_000;
const DAY_MS = 86_400_000;

const DEFAULT_CLOCK: Partial<Record<RetentionAfter, string>> = {
  created: 'createdAt',
  'last-activity': 'lastSeenAt',
};

export interface RetentionRule {
  table: string;
  after: RetentionAfter;
  days: number;
  categories: Category[];
  /** SQL names of the columns the rule covers. */
  columns: string[];
  action: 'delete-rows' | 'erase-columns';
  /** SQL name of the clock column, `erasure_receipts` for account-closed; null when unsupported. */
  clock: string | null;
  /** Why the rule cannot be swept, when it cannot. */
  unsupported: string | null;
  /** The table is an append-only ledger: its rules are reported, never applied row by row. */
  appendOnly: boolean;
  label: Label;
}

/** Expires the chains of the members `subjects` selects; answers the records removed. */
type LedgerExpiry = (ctx: AppContext, subjects: SQL, rule: string) => Promise<number>;

/** Append-only ledgers whose member chains expire whole, through the ledger's own tombstone path. */
const LEDGER_EXPIRY = new Map<Table, LedgerExpiry>([
  [
    consentRecords,
    async (ctx, subjects, rule) => {
      const outcome = await expireConsentChains(ctx.db, { subjects, rule, now: ctx.clock.now() });
      if (outcome.refused.length > 0) {
        ctx.log.error(
          { event: 'retention.ledger_chain_refused', chains: outcome.refused.length },
          'consent chains that do not verify were not expired; run verify-consents',
        );
      }
      return outcome.records;
    },
  ],
]);

interface PlannedRule extends RetentionRule {
  tableRef: Table;
  condition?: SQL;
  /** For a ledger: the members whose chains expire, and the ledger's expiry path. */
  expiry?: { subjects: SQL; run: LedgerExpiry };
}

function plan(tables: Table[], now: Date): PlannedRule[] {
  const rules: PlannedRule[] = [];
  for (const table of tables) {
    const decl = declarationOf(table);
    if (!decl) continue;
    const byKey = getTableColumns(table);
    const personal = Object.entries(decl.columns).filter(
      (e): e is [string, PersonalDeclaration] => e[1].personal === true,
    );
    const groups = new Map<string, [string, PersonalDeclaration][]>();
    for (const entry of personal) {
      const r = entry[1].retention;
      if (r.kind !== 'days') continue;
      const key = `${r.after}:${r.days}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    for (const group of groups.values()) {
      const r = group[0][1].retention as Extract<PersonalDeclaration['retention'], { kind: 'days' }>;
      const columns = group.map(([key]) => byKey[key]);
      const whole = group.length === personal.length || columns.some((c) => c.notNull);
      const cutoff = new Date(now.getTime() - r.days * DAY_MS);
      const rule: PlannedRule = {
        table: getTableName(table),
        tableRef: table,
        after: r.after,
        days: r.days,
        categories: [...new Set(group.map(([, d]) => d.category))],
        columns: columns.map((c) => c.name),
        action: whole ? 'delete-rows' : 'erase-columns',
        clock: null,
        unsupported: null,
        appendOnly: Boolean(decl.appendOnly),
        label: retentionLabel(r),
      };
      const closedBefore = sql`SELECT user_id FROM erasure_receipts WHERE status = 'completed' AND finished_at < ${cutoff.toISOString()}::timestamptz`;
      const ledgerExpiry = LEDGER_EXPIRY.get(table);
      if (decl.appendOnly && ledgerExpiry && r.after === 'account-closed' && decl.subject) {
        rule.clock = 'erasure_receipts';
        rule.expiry = { subjects: closedBefore, run: ledgerExpiry };
      } else if (decl.appendOnly) {
        rule.unsupported = decl.appendOnly;
      } else if (r.after === 'account-closed') {
        const subject = decl.subject ? byKey[decl.subject] : undefined;
        if (!subject) rule.unsupported = 'no subject column to find the closed account';
        else {
          rule.clock = 'erasure_receipts';
          rule.condition = sql`${sql.identifier(subject.name)} IN (${closedBefore})`;
        }
      } else if (r.after === 'withdrawn') {
        rule.unsupported = 'the time of withdrawal comes from the consent ledger, not yet linked';
      } else {
        const key = decl.retentionClock?.[r.after] ?? DEFAULT_CLOCK[r.after];
        const clock = key ? byKey[key] : undefined;
        if (!clock) rule.unsupported = `no ${r.after} clock column (declare retentionClock)`;
        else {
          rule.clock = clock.name;
          rule.condition = sql`${sql.identifier(clock.name)} < ${cutoff.toISOString()}::timestamptz`;
        }
      }
      if (rule.condition && rule.action === 'erase-columns') {
        const anySet = sql.join(
          columns.map((c) => sql`${sql.identifier(c.name)} IS NOT NULL`),
          sql` OR `,
        );
        rule.condition = sql`${rule.condition} AND (${anySet})`;
      }
      rules.push(rule);
    }
  }
  // Account-closed rules read the erasure receipts, so they run before any rule that removes one.
  const first = (r: PlannedRule) => (r.after === 'account-closed' ? 0 : 1);
  return rules.sort(
    (a, b) => first(a) - first(b) || a.table.localeCompare(b.table) || a.after.localeCompare(b.after),
  );
}

/** Every retention rule of the annotations, with its clock (for the console and the tests). */
export function retentionRules(tables: Table[] = allTables): RetentionRule[] {
  return plan(tables, new Date()).map(({ tableRef: _t, condition: _c, expiry: _e, ...rule }) => rule);
}

async function sweepRule(ctx: AppContext, rule: PlannedRule): Promise<number> {
  const table = sql.identifier(rule.table);
  const picked = sql`SELECT ctid FROM ${table} WHERE ${rule.condition} LIMIT ${BATCH}`;
  const statement =
    rule.action === 'delete-rows'
      ? sql`WITH d AS (DELETE FROM ${table} WHERE ctid IN (${picked}) RETURNING 1) SELECT count(*)::int AS n FROM d`
      : sql`WITH u AS (UPDATE ${table} SET ${sql.join(
          rule.columns.map((c) => sql`${sql.identifier(c)} = NULL`),
          sql`, `,
        )} WHERE ctid IN (${picked}) RETURNING 1) SELECT count(*)::int AS n FROM u`;
  let total = 0;
  for (;;) {
    const [{ n }] = await queryRows<{ n: number }>(ctx.db, statement);
    total += n;
    if (n < BATCH) return total;
  }
}

/** One sweep over every supported rule; recorded in retention_sweeps. */
export async function runRetentionSweep(ctx: AppContext, trigger: 'schedule' | 'staff' = 'schedule') {
  const startedAt = ctx.clock.now();
  const [sweep] = await ctx.db
    .insert(retentionSweeps)
    .values({ trigger, startedAt, tables: [] })
    .returning({ id: retentionSweeps.id });
  const done: SweepTable[] = [];
  try {
    for (const rule of plan(allTables, startedAt)) {
      if (!rule.condition && !rule.expiry) continue;
      const began = new Date();
      const name = `${rule.days}d after ${rule.after}`;
      const rows = rule.expiry
        ? await rule.expiry.run(ctx, rule.expiry.subjects, name)
        : await sweepRule(ctx, rule);
      done.push({
        table: rule.table,
        rule: name,
        action: rule.action,
        columns: rule.columns,
        rows,
        startedAt: began.toISOString(),
        finishedAt: new Date().toISOString(),
      });
    }
  } catch (err) {
    await ctx.db
      .update(retentionSweeps)
      .set({ tables: done, finishedAt: ctx.clock.now(), error: (err as Error)?.name ?? 'Error' })
      .where(eq(retentionSweeps.id, sweep.id));
    throw err;
  }
  const [row] = await ctx.db
    .update(retentionSweeps)
    .set({ tables: done, finishedAt: ctx.clock.now() })
    .where(eq(retentionSweeps.id, sweep.id))
    .returning();
  ctx.log.info(
    { event: 'retention.swept', sweepId: sweep.id, rows: done.reduce((n, t) => n + t.rows, 0) },
    'retention sweep finished',
  );
  return row;
}

export async function latestSweeps(ctx: AppContext, limit = 20) {
  return ctx.db.select().from(retentionSweeps).orderBy(desc(retentionSweeps.id)).limit(limit);
}

const timers = new WeakMap<AppContext, { stop(): Promise<void> }>();

/** The daily sweep: soon after start, then once a day; the first instance to claim the day runs it. */
export function startRetentionJob(app: FastifyInstance, options: { firstRunDelayMs?: number } = {}) {
  const { ctx } = app;
  if (timers.has(ctx)) return;
  let stopped = false;
  let current: Promise<unknown> | undefined;
  const tick = () => {
    if (stopped || current) return;
    current = (async () => {
      const claim = await hit(ctx.db, ctx.clock, {
        key: `job:retention:${chinaDate(ctx.clock.now())}`,
        limit: 1,
        windowMs: DAY_MS,
      });
      if (claim.allowed) await runRetentionSweep(ctx, 'schedule');
    })()
      .catch((err: unknown) => {
        ctx.log.error(
          { event: 'retention.failed', error: (err as Error)?.name },
          'the retention sweep failed',
        );
      })
      .finally(() => {
        current = undefined;
      });
  };
  const first = setTimeout(tick, options.firstRunDelayMs ?? 60_000);
  // Hourly ticks, of which the day's first claims the run: no drift, and a missed day is caught up.
  const every = setInterval(tick, 3_600_000);
  first.unref();
  every.unref();
  timers.set(ctx, {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await current;
      timers.delete(ctx);
    },
  });
}

export async function stopRetentionJob(ctx: AppContext): Promise<void> {
  await timers.get(ctx)?.stop();
}
