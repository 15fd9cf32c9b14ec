/**
 * The personal information inventory, generated from the column annotations: what the console
 * shows a compliance officer and what `npm run inventory` prints.
 */
import type { Table } from 'drizzle-orm';
import { z } from 'zod';
import { CATEGORIES, inventoryRows, LEGAL_BASES, PURPOSES, type Retention } from './personal-data.ts';

export const InventoryRow = z.object({
  table: z.string(),
  column: z.string(),
  category: z.string(),
  categoryLabel: z.object({ zh: z.string(), en: z.string() }),
  purposes: z.array(z.string()),
  legalBasis: z.string(),
  sensitive: z.boolean(),
  retention: z.string(),
  erasure: z.string(),
  note: z.string().optional(),
});
export type InventoryRowT = z.infer<typeof InventoryRow>;

export function describeRetention(r: Retention): string {
  if (r.kind === 'account-lifetime') return 'while the account exists';
  return `${r.days} days after ${r.after.replace('-', ' ')}`;
}

/** The personal columns only, sorted by table and column. */
export function buildInventory(tables: Table[]): InventoryRowT[] {
  return inventoryRows(tables)
    .filter((row) => row.declaration?.personal)
    .map((row) => {
      const d = row.declaration!;
      if (!d.personal) throw new Error('unreachable');
      return {
        table: row.table,
        column: row.column,
        category: d.category,
        categoryLabel: CATEGORIES[d.category],
        purposes: [...d.purposes],
        legalBasis: d.legalBasis,
        sensitive: d.sensitive,
        retention: describeRetention(d.retention),
        erasure:
          d.erasure.action === 'keep-legal-hold'
            ? `keep (legal hold: ${d.erasure.reason})`
            : d.erasure.action,
        note: d.note,
      };
    })
    .sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
}

/** A Markdown table a compliance officer can read, in Chinese and English labels. */
export function inventoryMarkdown(tables: Table[], storageRegion: string): string {
  const rows = buildInventory(tables);
  const lines = [
    '# 个人信息清单 / Personal information inventory',
    '',
    `Storage region / 存储地区: ${storageRegion}. Generated from the column annotations of the code.`,
    '',
    '| table.column | category / 类别 | sensitive / 敏感 | purposes / 目的 | legal basis / 处理依据 | retention / 保存期限 | on erasure / 删除方式 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const purposes = r.purposes.map((p) => `${PURPOSES[p as keyof typeof PURPOSES].zh} (${p})`).join('; ');
    lines.push(
      `| ${r.table}.${r.column} | ${r.categoryLabel.zh} / ${r.categoryLabel.en} | ${r.sensitive ? '是 yes' : '否 no'} | ${purposes} | ${LEGAL_BASES[r.legalBasis as keyof typeof LEGAL_BASES].en} | ${r.retention} | ${r.erasure} |`,
    );
  }
  lines.push('', `${rows.length} personal columns in ${new Set(rows.map((r) => r.table)).size} tables.`);
  return lines.join('\n');
}
