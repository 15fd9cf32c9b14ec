/**
 * 我的栏目 (My Column, policy 2.1): which columns appear as tabs on the home page, and in what
 * order (up/down buttons, which work with a finger, a keyboard and a screen reader alike).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { getMyColumns, type Me, putMyColumns } from '../account.ts';
import { Notice } from '../components/Form.tsx';
import { DownIcon, UpIcon } from '../components/icons.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import type { Column } from '../content.ts';
import { errorMessage } from '../errors.ts';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';

export function ColumnsPage() {
  const { t } = useI18n();
  useTitle(`${t('columns.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('columns.title')} fallback="/me" />
      <SignedInOnly>{(member) => <ColumnsEditor member={member} />}</SignedInOnly>
    </div>
  );
}

function ColumnsEditor({ member }: { member: Me }) {
  const { t } = useI18n();
  const { reference, error, reload } = useReference();
  const mine = useAsync(`my-columns:${member.id}`, (signal) => getMyColumns(signal).then((a) => a.columns));
  if (error && !reference) return <ErrorState error={error} onRetry={reload} />;
  if (!reference || mine.status === 'loading') return <p className="page-status">{t('console.loading')}</p>;
  if (mine.status === 'error') return <ErrorState error={mine.error} onRetry={mine.reload} />;
  return <ColumnsForm initial={mine.data} columns={reference.columns} />;
}

function ColumnsForm({ initial, columns }: { initial: string[]; columns: Column[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const known = new Set(columns.map((c) => c.id));
  const chosen = initial.filter((id) => known.has(id));
  // Not customised yet: every column shows, in the server's order.
  const [order, setOrder] = useState<string[]>(() => [
    ...chosen,
    ...columns.map((c) => c.id).filter((id) => !chosen.includes(id)),
  ]);
  const [shown, setShown] = useState<Set<string>>(() => new Set(chosen.length > 0 ? chosen : known));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const name = (id: string) => columns.find((c) => c.id === id)?.name ?? id;

  const move = (index: number, by: -1 | 1) => {
    setOrder((o) => {
      const next = [...o];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
    setMessage(undefined);
  };

  const toggle = (id: string, on: boolean) => {
    setShown((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    setMessage(undefined);
  };

  const save = async () => {
    const list = order.filter((id) => shown.has(id));
    if (list.length === 0) {
      setMessage({ kind: 'error', text: t('columns.atLeastOne') });
      return;
    }
    setBusy(true);
    try {
      const answer = await putMyColumns(list);
      session.setMyColumns(answer.columns);
      setMessage({ kind: 'ok', text: t('columns.saved') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-form">
      <p className="form-intro">{t('columns.intro')}</p>
      <ol className="column-order" aria-label={t('columns.title')}>
        {order.map((id, i) => (
          <li
            key={id}
            className={shown.has(id) ? 'column-row' : 'column-row is-hidden'}
            data-testid="column-row"
          >
            <label>
              <input type="checkbox" checked={shown.has(id)} onChange={(e) => toggle(id, e.target.checked)} />
              <span>{name(id)}</span>
            </label>
            <div className="column-move">
              <button
                type="button"
                aria-label={t('columns.up', { name: name(id) })}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                <UpIcon />
              </button>
              <button
                type="button"
                aria-label={t('columns.down', { name: name(id) })}
                disabled={i === order.length - 1}
                onClick={() => move(i, 1)}
              >
                <DownIcon />
              </button>
            </div>
          </li>
        ))}
      </ol>
      {message && (
        <Notice kind={message.kind}>
          {message.text} {message.kind === 'ok' && <Link to="/">{t('columns.seeHome')}</Link>}
        </Notice>
      )}
      <div className="form-actions form-actions-sticky">
        <button type="button" className="button button-wide" onClick={save} disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </div>
  );
}
