/**
 * Regional content first: the published articles of one province from the regional columns
 * (news, events, used equipment), and the feed page that leads with them. Reads no personal data:
 * the region comes with the request, so anyone asking for the same column and region gets the
 * same page.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { articleSummaries } from './lists.ts';
import type { FeedItemT } from './schemas.ts';
import { type FeedOptions, type FeedSort, generalFeed } from './service.ts';
import { articles } from './tables.ts';

/** Columns whose articles are about a place: regional news, conferences and fairs, used machines. */
export const REGIONAL_COLUMNS = ['news', 'events', 'used'] as const;
/** How many regional items lead the first page at most. */
export const REGIONAL_LEAD_SIZE = 3;

export interface RegionalLeadOptions {
  region: string;
  /** Only this column (no items when it is not a regional column). */
  column?: string;
  sort?: FeedSort;
  limit?: number;
}

/** The region's published articles of the regional columns, hot (or newest) first. */
export async function regionalLead(db: Db, o: RegionalLeadOptions): Promise<FeedItemT[]> {
  const limit = o.limit ?? REGIONAL_LEAD_SIZE;
  const cols: readonly string[] = o.column
    ? REGIONAL_COLUMNS.filter((c) => c === o.column)
    : REGIONAL_COLUMNS;
  if (cols.length === 0 || limit <= 0) return [];
  const order =
    (o.sort ?? 'hot') === 'hot'
      ? [sql`${articles.hotScore} DESC NULLS LAST`, sql`${articles.id} DESC NULLS LAST`]
      : [sql`${articles.publishedAt} DESC`, sql`${articles.id} DESC`];
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        eq(articles.status, 'published'),
        sql`${articles.region} IS NOT NULL`,
        eq(articles.region, o.region),
        inArray(articles.columnId, [...cols]),
      ),
    )
    .orderBy(...order)
    .limit(limit);
  const summaries = await articleSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const item = summaries.get(r.id);
    return item ? [{ ...item, why: { kind: 'region' as const, region: o.region } }] : [];
  });
}

/**
 * The general feed with, on its first page and when a region is given, up to 3 regional items
 * first. The rest of that page is the general order without those items, shortened by as many as
 * lead so the page keeps its size and the cursor continues the general order. A tag, brand or
 * series filter gets no lead (regional items of another subject would not belong there).
 */
export async function feedWithRegionalLead(
  db: Db,
  options: FeedOptions & { region?: string },
): Promise<{ items: FeedItemT[]; nextCursor: string | null }> {
  const { region, ...general } = options;
  const linked = general.tag ?? general.brand ?? general.series;
  if (!region || general.cursor || linked || general.limit < 2) return generalFeed(db, general);
  const lead = await regionalLead(db, {
    region,
    column: general.column,
    sort: general.sort,
    limit: Math.min(REGIONAL_LEAD_SIZE, general.limit - 1),
  });
  const page = await generalFeed(db, { ...general, limit: general.limit - lead.length });
  const leading = new Set(lead.map((i) => i.id));
  return { items: [...lead, ...page.items.filter((i) => !leading.has(i.id))], nextCursor: page.nextCursor };
}
