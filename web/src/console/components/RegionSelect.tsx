/** The province a regional article (news, event, used equipment) is about, or none. */
import { useI18n } from '../../i18n/index.tsx';
import { api } from '../../shared/api.ts';
import { useAsync } from '../../shared/useAsync.ts';

interface Province {
  id: string;
  name: string;
}

export function RegionSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange(v: string | null): void;
}) {
  const { t, lang } = useI18n();
  const provinces = useAsync(`regions:${lang}`, (signal) =>
    api<Province[]>('/regions', { query: { lang }, signal }),
  );
  return (
    <label className="field">
      <span>{t('editor.region')}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        data-testid="editor-region"
        disabled={provinces.status !== 'ready'}
      >
        <option value="">{t('editor.noRegion')}</option>
        {provinces.status === 'ready' &&
          provinces.data.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </select>
    </label>
  );
}
