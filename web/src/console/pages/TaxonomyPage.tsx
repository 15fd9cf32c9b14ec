/**
 * 分类与品牌 (editors and admins): columns, the two-level industry tags, brands and model series.
 * Add, rename, move up or down, delete; a delete of something in use is refused by the server
 * (taxonomy.in_use) and the reason is shown.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { useSession } from '../session.tsx';
import {
  createEntry,
  deleteEntry,
  type Entry,
  getTaxonomy,
  orderEntries,
  TAXONOMY_KINDS,
  type Taxonomy,
  type TaxonomyKind,
  updateEntry,
} from '../taxonomyApi.ts';
import './requests.css';

export function TaxonomyPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<TaxonomyKind>('columns');
  const [version, setVersion] = useState(0);
  const data = useAsync(`taxonomy:${version}`, getTaxonomy);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.taxonomy')}
      </h1>
      <p className="lead">{t('tax.intro')}</p>
      <fieldset className="request-filters">
        <legend className="visually-hidden">{t('console.nav.taxonomy')}</legend>
        {TAXONOMY_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={k === kind ? 'button button-small' : 'button button-small button-quiet'}
            aria-pressed={k === kind}
            onClick={() => setKind(k)}
          >
            {t(`tax.kind.${k}`)}
          </button>
        ))}
      </fieldset>
      <Loadable state={data}>
        {(all) => <KindEditor key={kind} kind={kind} all={all} onChanged={() => setVersion((v) => v + 1)} />}
      </Loadable>
    </section>
  );
}

const EMPTY: Partial<Entry> = { id: '', nameZh: '', nameEn: '', parentId: null, country: 'CN' };

function KindEditor({ kind, all, onChanged }: { kind: TaxonomyKind; all: Taxonomy; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { expire } = useSession();
  const [draft, setDraft] = useState<Partial<Entry>>(EMPTY);
  const [editing, setEditing] = useState<{ id: string; nameZh: string; nameEn: string }>();
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const entries = all[kind];
  const classes = all.tags.filter((x) => !x.parentId);
  const name = (e: Entry) => (lang === 'en' ? e.nameEn : e.nameZh);
  const nameOf = (list: Entry[], id?: string | null) => {
    const found = list.find((x) => x.id === id);
    return found ? name(found) : (id ?? '');
  };

  const run = async (action: () => Promise<unknown>, done?: () => void) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      done?.();
      setMessage({ error: false, text: t('tax.saved') });
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return expire();
      const e = err instanceof ApiError ? err : undefined;
      const detail = e?.problem?.errors
        ?.map((x) => `${x.path.replace(/^body\./, '')}: ${x.message}`)
        .join('; ');
      const known: Record<string, string> = {
        'taxonomy.exists': t('tax.error.exists'),
        'taxonomy.in_use': t('tax.error.inUse', { detail: e?.problem?.detail ?? '' }),
        'taxonomy.not_found': t('tax.error.notFound'),
        'validation.failed': t('tax.error.fields', { detail: detail ?? '' }),
      };
      setMessage({ error: true, text: (e && known[e.code]) ?? t('error.server') });
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Partial<Entry> = { id: draft.id?.trim(), nameZh: draft.nameZh, nameEn: draft.nameEn };
    if (kind === 'tags') body.parentId = draft.parentId || null;
    if (kind === 'brands') body.country = draft.country?.trim().toUpperCase();
    if (kind === 'series') Object.assign(body, { brandId: draft.brandId, classTagId: draft.classTagId });
    void run(
      () => createEntry(kind, body),
      () => setDraft(EMPTY),
    );
  };

  /** Moves an entry one place among its siblings (tags: within the same parent). */
  const move = (entry: Entry, by: -1 | 1) => {
    const siblings = entries.filter(
      (x) => kind !== 'tags' || (x.parentId ?? null) === (entry.parentId ?? null),
    );
    const ids = siblings.map((x) => x.id);
    const i = ids.indexOf(entry.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    void run(() => orderEntries(kind, ids));
  };

  // Tags are shown as a tree: each machine class followed by its subdivisions.
  const rows =
    kind === 'tags' ? classes.flatMap((c) => [c, ...entries.filter((x) => x.parentId === c.id)]) : entries;

  const input = (key: 'id' | 'nameZh' | 'nameEn' | 'country', label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        name={key}
        value={(draft[key] as string | undefined) ?? ''}
        maxLength={key === 'id' ? 40 : 60}
        required
        aria-describedby={hint ? `tax-${key}-hint` : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
      {hint && (
        <small id={`tax-${key}-hint`} className="muted">
          {hint}
        </small>
      )}
    </label>
  );
  const select = (
    key: 'parentId' | 'brandId' | 'classTagId',
    label: string,
    options: Entry[],
    none: string,
  ) => (
    <label className="field">
      <span>{label}</span>
      <select
        name={key}
        value={(draft[key] as string | null | undefined) ?? ''}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value || null })}
      >
        <option value="">{none}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {name(o)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <form className="calendar-form" onSubmit={submit} noValidate data-testid="taxonomy-form">
        {input('id', t('tax.id'), t('tax.idHint'))}
        {input('nameZh', t('tax.nameZh'))}
        {input('nameEn', t('tax.nameEn'))}
        {kind === 'tags' && select('parentId', t('tax.parent'), classes, t('tax.parentNone'))}
        {kind === 'brands' && input('country', t('tax.country'))}
        {kind === 'series' && select('brandId', t('tax.brand'), all.brands, t('tax.choose'))}
        {kind === 'series' && select('classTagId', t('tax.classTag'), classes, t('tax.choose'))}
        <button type="submit" className="button" disabled={busy}>
          {t('tax.add')}
        </button>
      </form>
      {message && (
        <p className={message.error ? 'error-text' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('tax.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="taxonomy-table">
            <thead>
              <tr>
                <th scope="col">{t('tax.id')}</th>
                <th scope="col">{t('tax.nameZh')}</th>
                <th scope="col">{t('tax.nameEn')}</th>
                {kind === 'brands' && <th scope="col">{t('tax.country')}</th>}
                {kind === 'series' && <th scope="col">{t('tax.brand')}</th>}
                {kind === 'series' && <th scope="col">{t('tax.classTag')}</th>}
                <th scope="col">{t('tax.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const isEditing = editing?.id === e.id;
                return (
                  <tr key={e.id} data-testid={`taxonomy-row-${e.id}`}>
                    <td className="mono">{kind === 'tags' && e.parentId ? `└ ${e.id}` : e.id}</td>
                    {isEditing ? (
                      <>
                        <td>
                          <input
                            aria-label={t('tax.nameZh')}
                            value={editing.nameZh}
                            maxLength={60}
                            onChange={(x) => setEditing({ ...editing, nameZh: x.target.value })}
                          />
                        </td>
                        <td>
                          <input
                            aria-label={t('tax.nameEn')}
                            value={editing.nameEn}
                            maxLength={60}
                            onChange={(x) => setEditing({ ...editing, nameEn: x.target.value })}
                          />
                        </td>
                      </>
                    ) : (
                      <>
                        <td>{e.nameZh}</td>
                        <td>{e.nameEn}</td>
                      </>
                    )}
                    {kind === 'brands' && <td className="mono">{e.country}</td>}
                    {kind === 'series' && <td>{nameOf(all.brands, e.brandId)}</td>}
                    {kind === 'series' && <td>{nameOf(all.tags, e.classTagId)}</td>}
                    <td className="nowrap">
                      {isEditing ? (
                        <>
                          <button
                            type="button"
                            className="button button-small"
                            disabled={busy}
                            onClick={() =>
                              run(
                                () =>
                                  updateEntry(kind, e.id, { nameZh: editing.nameZh, nameEn: editing.nameEn }),
                                () => setEditing(undefined),
                              )
                            }
                          >
                            {t('tax.save')}
                          </button>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() => setEditing(undefined)}
                          >
                            {t('tax.cancel')}
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() => setEditing({ id: e.id, nameZh: e.nameZh, nameEn: e.nameEn })}
                          >
                            {t('tax.edit')}
                          </button>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            aria-label={`${t('tax.up')} ${name(e)}`}
                            disabled={busy}
                            onClick={() => move(e, -1)}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            aria-label={`${t('tax.down')} ${name(e)}`}
                            disabled={busy}
                            onClick={() => move(e, 1)}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            disabled={busy}
                            onClick={() => run(() => deleteEntry(kind, e.id))}
                          >
                            {t('tax.delete')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
