/** The model series an article names, as chips that open each series' page. */
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { entityPath, getSeries } from '../taxonomy.ts';
import '../taxonomy.css';

export function ArticleSeries({ ids }: { ids: string[] }) {
  const { t, lang } = useI18n();
  const series = useAsync(`series:${lang}:`, (signal) =>
    ids.length === 0 ? Promise.resolve([]) : getSeries(lang, undefined, signal),
  );
  if (ids.length === 0) return null;
  const names = new Map(series.status === 'ready' ? series.data.map((s) => [s.id, s.name]) : []);
  return (
    <section className="article-links" aria-label={t('tax.page.series')}>
      <h2>{t('tax.page.series')}</h2>
      <ul className="chips">
        {ids.map((id) => (
          <li key={id} className="chip chip-brand">
            <Link to={entityPath('series', id)}>{names.get(id) ?? id}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
