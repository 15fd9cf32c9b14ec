/** The demo taxonomy as table rows: columns (information types) and the two-level industry tags. */
import { MACHINE_CLASSES } from './machines.ts';

export const COLUMN_IDS = ['news', 'products', 'market', 'policy', 'technology', 'events', 'used'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export const COLUMNS: { id: ColumnId; nameZh: string; nameEn: string }[] = [
  { id: 'news', nameZh: '行业新闻', nameEn: 'Industry news' },
  { id: 'products', nameZh: '产品与新机', nameEn: 'Products & new machines' },
  { id: 'market', nameZh: '市场数据', nameEn: 'Market data' },
  { id: 'policy', nameZh: '政策法规', nameEn: 'Policy' },
  { id: 'technology', nameZh: '技术', nameEn: 'Technology' },
  { id: 'events', nameZh: '展会与会议', nameEn: 'Exhibitions & conferences' },
  { id: 'used', nameZh: '二手与租赁', nameEn: 'Used equipment & rental' },
];

export interface TagRow {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  position: number;
}

/** Rows for the `tags` table: classes first (parentId null), each followed by its subdivisions. */
export function tagRows(): TagRow[] {
  const rows: TagRow[] = [];
  MACHINE_CLASSES.forEach((c, i) => {
    rows.push({ id: c.id, parentId: null, nameZh: c.nameZh, nameEn: capitalise(c.nameEn), position: i * 10 });
    c.subdivisions.forEach((d, j) => {
      rows.push({
        id: d.id,
        parentId: c.id,
        nameZh: d.nameZh,
        nameEn: capitalise(d.nameEn),
        position: i * 10 + j + 1,
      });
    });
  });
  return rows;
}

const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
