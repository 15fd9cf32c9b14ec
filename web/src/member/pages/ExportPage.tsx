/**
 * 下载我的数据: what the copy holds, a button to ask for one, and the member's exports with their
 * state. While one is being prepared the list is asked again every few seconds; a ready export is
 * a download link until it expires (7 days), then it is marked expired.
 */
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { type ApiError, isAbort } from '../../shared/api.ts';
import { dateTime } from '../../shared/date.ts';
import { toApiError } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import type { Me } from '../account.ts';
import { Notice } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import { errorMessage } from '../errors.ts';
import { type DataExport, listExports, requestExport } from '../exports.ts';
import '../exports.css';

const POLL_MS = 3000;

export function ExportPage() {
  const { t } = useI18n();
  useTitle(`${t('export.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('export.title')} fallback="/privacy" />
      <section className="panel export-about" aria-labelledby="export-contains">
        <h2 id="export-contains">{t('export.containsTitle')}</h2>
        <ul>
          <li>{t('export.containsData')}</li>
          <li>{t('export.containsHtml')}</li>
          <li>{t('export.containsFiles')}</li>
          <li>{t('export.containsLeftOut')}</li>
        </ul>
        <p className="hint">{t('export.linkRule')}</p>
      </section>
      <SignedInOnly>{(member) => <Exports member={member} />}</SignedInOnly>
    </div>
  );
}

function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

function Exports({ member }: { member: Me }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  // Kept across refreshes so that polling does not blank the list.
  const [items, setItems] = useState<DataExport[]>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const reload = useCallback(async (signal?: AbortSignal) => {
    try {
      setItems(await listExports(signal));
      setLoadError(undefined);
    } catch (err) {
      if (!isAbort(err)) setLoadError(toApiError(err));
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new member loads their own list
  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload, member.id]);

  const pending = usePollWhilePreparing(items, reload);

  const ask = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      await requestExport(lang);
      setMessage({ kind: 'ok', text: t('export.requested') });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: errorMessage(i18n, err, { 'export.in_progress': 'export.error.inProgress' }),
      });
    } finally {
      setBusy(false);
      await reload();
    }
  };

  return (
    <div className="account-form">
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="form-actions">
        <button
          type="button"
          className="button button-wide"
          onClick={ask}
          disabled={busy || pending}
          data-testid="export-request"
        >
          {pending ? t('export.preparing') : t('export.request')}
        </button>
      </div>
      <section className="panel" aria-labelledby="export-list">
        <h2 id="export-list">{t('export.listTitle')}</h2>
        {items === undefined && !loadError && <p className="page-status">{t('console.loading')}</p>}
        {loadError && <ErrorState error={loadError} onRetry={() => void reload()} compact />}
        {items &&
          (items.length === 0 ? (
            <p className="hint">{t('export.none')}</p>
          ) : (
            <ul className="device-list export-list" aria-live="polite">
              {items.map((e) => (
                <ExportItem key={e.id} item={e} />
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}

/** One export in a list: when it was asked for, its state, and the download while it lasts. */
export function ExportItem({ item: e }: { item: DataExport }) {
  const { t, lang } = useI18n();
  const state = e.status === 'ready' ? (e.expired ? 'expired' : 'ready') : e.status;
  return (
    <li className="export-item" data-testid="export" data-state={state}>
      <div className="device-text">
        <strong>
          {t('export.requestedAt', { when: dateTime(e.requestedAt, lang) })}
          <span className={`export-badge export-badge-${state}`}>{t(`export.state.${state}`)}</span>
        </strong>
        <small>
          {state === 'ready' && e.expiresAt && t('export.expiresAt', { when: dateTime(e.expiresAt, lang) })}
          {state === 'expired' && t('export.expiredHint')}
          {state === 'pending' && t('export.pendingHint')}
          {state === 'failed' && t('export.failedHint')}
          {state === 'ready' && e.sizeBytes !== undefined && ` · ${sizeText(e.sizeBytes)}`}
        </small>
      </div>
      {state === 'ready' && e.downloadUrl && (
        <a className="button button-small" href={e.downloadUrl} download data-testid="export-download">
          {t('export.download')}
        </a>
      )}
    </li>
  );
}

/**
 * While an export is being prepared, asks for the list again every few seconds (each answer
 * re-arms the timer). Returns whether one is being prepared.
 */
export function usePollWhilePreparing(items: DataExport[] | undefined, reload: () => unknown): boolean {
  const pending = items?.some((e) => e.status === 'pending') ?? false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `items` changes with each answer: the re-arm trigger
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => void reload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, items, reload]);
  return pending;
}
