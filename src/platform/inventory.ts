/**
 * The personal information inventory, generated from the column annotations: what the console
 * shows a compliance officer and what `npm run inventory` prints.
 */
import type { Table } from 'drizzle-orm';
import { z } from 'zod';
import {
  CATEGORIES,
  erasureLabel,
  inventoryRows,
  LEGAL_BASES,
  PURPOSES,
  retentionLabel,
} from './personal-data.ts';

const LabelSchema = z.object({ zh: z.string(), en: z.string() });

export const InventoryRow = z.object({
  table: z.string(),
  column: z.string(),
  category: z.object({ id: z.string(), label: LabelSchema }),
  purposes: z.array(z.object({ id: z.string(), label: LabelSchema })),
  legalBasis: z.object({ id: z.string(), label: LabelSchema }),
  sensitive: z.boolean(),
  retention: LabelSchema,
  erasure: z.object({ action: z.enum(['delete', 'anonymise', 'keep-legal-hold']), label: LabelSchema }),
  note: z.string().optional(),
});
export type InventoryRowT = z.infer<typeof InventoryRow>;

/** The personal columns only, sorted by table and column, with labels in both languages. */
export function buildInventory(tables: Table[]): InventoryRowT[] {
  const rows: InventoryRowT[] = [];
  for (const row of inventoryRows(tables)) {
    const d = row.declaration;
    if (!d?.personal) continue;
    rows.push({
      table: row.table,
      column: row.column,
      category: { id: d.category, label: CATEGORIES[d.category] },
      purposes: d.purposes.map((id) => ({ id, label: PURPOSES[id] })),
      legalBasis: { id: d.legalBasis, label: LEGAL_BASES[d.legalBasis] },
      sensitive: d.sensitive,
      retention: retentionLabel(d.retention),
      erasure: { action: d.erasure.action, label: erasureLabel(d.erasure) },
      note: d.note,
    });
  }
  return rows.sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
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
  const both = (l: { zh: string; en: string }) => `${l.zh} / ${l.en}`;
  for (const r of rows) {
    const purposes = r.purposes.map((p) => `${p.label.zh} (${p.id})`).join('; ');
    lines.push(
      `| ${r.table}.${r.column} | ${both(r.category.label)} | ${r.sensitive ? '是 yes' : '否 no'} | ${purposes} | ${both(r.legalBasis.label)} | ${both(r.retention)} | ${both(r.erasure.label)} |`,
    );
  }
  lines.push('', `${rows.length} personal columns in ${new Set(rows.map((r) => r.table)).size} tables.`);
  return lines.join('\n');
}
