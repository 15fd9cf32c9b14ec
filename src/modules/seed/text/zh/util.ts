/** Small phrasing helpers shared by the Chinese templates. */
import type { Story } from '../../story.ts';

/** “同比增长12.3%” or “同比下降12.3%”, following the story's direction. */
export const trend = (s: Story) => `同比${s.up ? '增长' : '下降'}${s.pct}%`;

/** The reported month, “2025年5月”. */
export const mon = (s: Story) => `${s.year}年${s.month}月`;

/** Year to date, “2025年1—5月” (just “2025年1月” in January). */
export const ytd = (s: Story) => (s.month === 1 ? `${s.year}年1月` : `${s.year}年1—${s.month}月`);

/** Exports as a share of the month's units, so the two figures agree. */
export const exported = (s: Story) => Math.round((s.units * s.share) / 100);

/** Milestone unit: mass-produced machines count in ten-thousands, heavy ones in thousands. */
export const milestone = (s: Story) =>
  ['excavators', 'loaders', 'forklifts', 'aerial'].includes(s.cls.id)
    ? `第${s.count}万台`
    : `第${s.count}千台`;
