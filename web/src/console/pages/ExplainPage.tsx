/**
 * 推荐解释: an editor composes a test member (chosen tags and brands, follows, a column) and sees
 * the feed the ranking would give them, with each item's score, reason, the sources that brought
 * it and the profile entries it matched. Made-up members only: no member's data is read.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { type ExplainedItem, explainFor } from '../recsApi.ts';
import { getTaxonomy, type Taxonomy } from '../taxonomyApi.ts';
import './curation.css';

export function ExplainPage() {
  const { t } = useI18n();
  const taxonomy = useAsync('taxonomy', getTaxonomy);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.recExplain')}
      </h1>
      <p className="lead">{t('explain.intro')}</p>
      <Loadable state={taxonomy}>{(data) => <ExplainForm taxonomy={data} />}</Loadable>
    </section>
  );
}

const selected = (select: HTMLSelectElement) => [...select.selectedOptions].map((o) => o.value);

function ExplainForm({ taxonomy }: { taxonomy: Taxonomy }) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<ExplainedItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (e: { nameZh: string; nameEn: string }) => (lang === 'en' ? e.nameEn : e.nameZh);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const field = (n: string) => form.elements.namedItem(n) as HTMLSelectElement;
    setBusy(true);
    setError(null);
    try {
      const column = field('column').value || undefined;
      const answer = await explainFor({
        tags: selected(field('tags')),
        brands: selected(field('brands')),
        follows: selected(field('follows')).map((v) => ({ kind: 'brand' as const, id: v })),
        column,
        lang,
      });
      setItems(answer.items);
    } catch (err) {
      setError(err instanceof ApiError ? (err.problem?.detail ?? err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form className="explain-form" onSubmit={submit} data-testid="explain-form">
        <label>
          {t('explain.tags')}
          <select name="tags" multiple size={8}>
            {taxonomy.tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.parentId ? `— ${name(tag)}` : name(tag)}
              </option>
            ))}
          </select>
        </label>
        <BrandSelect name="brands" label={t('explain.brands')} taxonomy={taxonomy} />
        <BrandSelect name="follows" label={t('explain.follows')} taxonomy={taxonomy} />
        <label>
          {t('explain.column')}
          <select name="column" defaultValue="">
            <option value="">{t('explain.allColumns')}</option>
            {taxonomy.columns.map((c) => (
              <option key={c.id} value={c.id}>
                {name(c)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t('explain.run')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && (
        <table className="data-table" data-testid="explain-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('explain.article')}</th>
              <th scope="col">{t('explain.reason')}</th>
              <th scope="col">{t('explain.score')}</th>
              <th scope="col">{t('explain.sources')}</th>
              <th scope="col">{t('explain.matches')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.position}</td>
                <td>{i.title}</td>
                <td>{i.reason}</td>
                <td>{i.score.toFixed(3)}</td>
                <td>{i.sources.join(', ')}</td>
                <td>
                  {i.matches
                    .map((m) => `${m.kind}:${m.id}${m.followed ? ' ★' : ''} ${m.weight.toFixed(2)}`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Every brand, several at a time: chosen brands and followed brands use the same list. */
function BrandSelect({ name, label, taxonomy }: { name: string; label: string; taxonomy: Taxonomy }) {
  const { lang } = useI18n();
  return (
    <label>
      {label}
      <select name={name} multiple size={8}>
        {taxonomy.brands.map((b) => (
          <option key={b.id} value={b.id}>
            {lang === 'en' ? b.nameEn : b.nameZh}
          </option>
        ))}
      </select>
    </label>
  );
}
