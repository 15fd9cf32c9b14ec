/**
 * "User Tag": the machine classes, each with its subdivisions as toggles. A class's "全选" picks
 * (or drops) all of its subdivisions; the ids kept are the subdivisions', as the API expects.
 */
import { useI18n } from '../../i18n/index.tsx';
import type { Brand, Tag } from '../content.ts';

interface Props {
  tags: Tag[];
  selected: string[];
  onChange(selected: string[]): void;
}

export function TagPicker({ tags, selected, onChange }: Props) {
  const { t } = useI18n();
  const chosen = new Set(selected);
  const classes = tags.filter((tag) => tag.parentId === null);

  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    // In the taxonomy's order, so the request reads like the screen.
    onChange(tags.map((tag) => tag.id).filter((id) => next.has(id)));
  };

  return (
    <div className="tag-picker">
      {classes.map((cls) => {
        const subdivisions = tags.filter((tag) => tag.parentId === cls.id);
        const ids = subdivisions.length > 0 ? subdivisions.map((s) => s.id) : [cls.id];
        const all = ids.every((id) => chosen.has(id));
        return (
          <fieldset key={cls.id} className="tag-class">
            <legend>{cls.name}</legend>
            <button
              type="button"
              className="tag-all"
              aria-pressed={all}
              aria-label={t('tags.allOf', { name: cls.name })}
              onClick={() => toggle(ids, !all)}
            >
              {all ? t('tags.none') : t('tags.all')}
            </button>
            <div className="tag-chips">
              {subdivisions.map((sub) => (
                <button
                  key={sub.id}
                  type="button"
                  className="tag-chip"
                  aria-pressed={chosen.has(sub.id)}
                  onClick={() => toggle([sub.id], !chosen.has(sub.id))}
                >
                  {sub.name}
                </button>
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

/** Brands to follow from the start: one toggle each, in the server's order. */
export function BrandPicker({
  brands,
  selected,
  onChange,
}: {
  brands: Brand[];
  selected: string[];
  onChange(selected: string[]): void;
}) {
  const { t } = useI18n();
  const chosen = new Set(selected);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(brands.map((b) => b.id).filter((b) => next.has(b)));
  };
  return (
    <fieldset className="tag-class brand-picker">
      <legend>{t('register.brands.title')}</legend>
      <p className="hint">{t('register.brands.hint')}</p>
      <div className="tag-chips">
        {brands.map((b) => (
          <button
            key={b.id}
            type="button"
            className="tag-chip"
            aria-pressed={chosen.has(b.id)}
            onClick={() => toggle(b.id)}
          >
            {b.name}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
