/**
 * The column tabs under the top bar: "全部" (every column) first, then the columns in the
 * server's order. The chosen column lives in the URL (?column=), so reloads and shares keep it.
 */
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { Column } from '../content.ts';

interface Props {
  columns: Column[] | undefined;
  active: string | undefined;
  onSelect(column: string | undefined): void;
}

export function ColumnTabs({ columns, active, onSelect }: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const tabs = [
    { id: undefined, name: t('home.all') },
    ...(columns ?? []).map((c) => ({ id: c.id, name: c.name })),
  ];

  // Keep the chosen tab visible in the scrolling strip (e.g. a column opened from a shared link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the tabs or the choice change
  useEffect(() => {
    const selected = list.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    selected?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [active, columns]);

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
    next?.focus();
    next?.click();
  };

  return (
    <div
      className="column-tabs"
      role="tablist"
      aria-label={t('home.columns')}
      ref={list}
      onKeyDown={onKeyDown}
    >
      {tabs.map((tab) => {
        const selected = tab.id === active;
        return (
          <button
            key={tab.id ?? ''}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls="feed"
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.name}
          </button>
        );
      })}
    </div>
  );
}
