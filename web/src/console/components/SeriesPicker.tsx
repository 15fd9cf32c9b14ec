/**
 * The editor's model-series picker: a checkbox list of the series of the brands chosen in the form
 * (of all brands while none is chosen). Series already linked stay listed even when their brand is
 * no longer chosen, so nothing is linked that the editor cannot see and untick.
 */
import { useI18n } from '../../i18n/index.tsx';
import type { SeriesNamed } from '../editorialApi.ts';

export function SeriesPicker({
  series,
  brands,
  value,
  onChange,
}: {
  series: SeriesNamed[];
  brands: string[];
  value: string[];
  onChange(next: string[]): void;
}) {
  const { t } = useI18n();
  const shown = series.filter(
    (s) => brands.length === 0 || brands.includes(s.brandId) || value.includes(s.id),
  );
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset className="field series-picker">
      <legend>{t('editor.series')}</legend>
      {shown.length === 0 ? (
        <p className="muted note">{t('editor.noSeries')}</p>
      ) : (
        <ul className="series-options">
          {shown.map((s) => (
            <li key={s.id}>
              <label className="field-inline">
                <input
                  type="checkbox"
                  value={s.id}
                  checked={value.includes(s.id)}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                />
                <span>{s.name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <p className="muted note">{brands.length ? t('editor.seriesOfBrands') : t('editor.seriesAll')}</p>
    </fieldset>
  );
}
