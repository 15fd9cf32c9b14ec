/**
 * 我的申请: open a rights request (access, correction, deletion, explanation, complaint), told
 * that it is answered within 15 working days, and follow each one: status, due date and the
 * answer or the reason for a refusal. Everything the member wrote is shown as plain text.
 */
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { calendarDate, dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import type { Me } from '../account.ts';
import { Notice } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import { errorMessage } from '../errors.ts';
import {
  DETAIL_MAX,
  detailRequired,
  listMyRequests,
  type MyRequest,
  openRequest,
  REQUEST_TYPES,
  type RequestType,
} from '../requests.ts';
import './requests.css';

export function RequestsPage() {
  const { t } = useI18n();
  useTitle(`${t('requests.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('requests.title')} fallback="/me" />
      <SignedInOnly>{(member) => <Requests member={member} />}</SignedInOnly>
    </div>
  );
}

function Requests({ member }: { member: Me }) {
  const { t } = useI18n();
  const list = useAsync(`requests:${member.id}`, (signal) => listMyRequests(signal));
  return (
    <div className="account-form">
      <p className="form-intro">{t('requests.intro')}</p>
      <NewRequestForm onOpened={list.reload} />
      <h2 className="requests-heading">{t('requests.mine')}</h2>
      {list.status === 'loading' && <p className="page-status">{t('console.loading')}</p>}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.length === 0 ? (
          <p className="muted">{t('requests.none')}</p>
        ) : (
          <ul className="request-list" data-testid="my-requests">
            {list.data.map((r) => (
              <RequestItem key={r.id} r={r} />
            ))}
          </ul>
        ))}
    </div>
  );
}

/** The request form; `open` sends it (the member's own by default, a guardian's for a child). */
export function NewRequestForm({
  onOpened,
  open = openRequest,
}: {
  onOpened(): void;
  open?(type: RequestType, detail: string): Promise<{ dueAt: string }>;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const id = useId();
  const [type, setType] = useState<RequestType>('access');
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const required = detailRequired(type);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = detail.trim();
    if (required && !text) {
      setMessage({ kind: 'error', text: t('requests.detailRequired') });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      const { dueAt } = await open(type, text);
      setDetail('');
      setMessage({ kind: 'ok', text: t('requests.opened', { date: calendarDate(dueAt, lang) }) });
      onOpened();
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel request-form" onSubmit={submit} noValidate data-testid="request-form">
      <div className="form-field">
        <label htmlFor={`${id}-type`}>{t('requests.type')}</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as RequestType)}>
          {REQUEST_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`requests.type.${k}`)}
            </option>
          ))}
        </select>
        <p className="form-hint">{t(`requests.typeHint.${type}`)}</p>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-detail`}>
          {t('requests.detail')}
          {!required && <span className="muted"> {t('requests.optional')}</span>}
        </label>
        <textarea
          id={`${id}-detail`}
          value={detail}
          rows={5}
          maxLength={DETAIL_MAX}
          onChange={(e) => setDetail(e.target.value)}
          aria-describedby={`${id}-count`}
        />
        <p id={`${id}-count`} className="form-counter">
          {t('profile.bioCount', { n: [...detail].length, max: DETAIL_MAX })}
        </p>
      </div>
      <p className="form-hint">{t('requests.deadline')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="form-actions">
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? t('requests.sending') : t('requests.submit')}
        </button>
      </div>
    </form>
  );
}

export function RequestItem({ r }: { r: MyRequest }) {
  const { t, lang } = useI18n();
  return (
    <li className="panel request-item" data-testid="my-request" data-status={r.status}>
      <div className="request-item-head">
        <strong>
          {t(`requests.type.${r.type}`)}
          {r.channel === 'guardian' && (
            <span className="request-by-guardian">{t('requests.byGuardian')}</span>
          )}
        </strong>
        <span className={`request-status request-status-${r.status}`}>
          {t(`requests.status.${r.status}`)}
        </span>
      </div>
      <small className="muted">
        {t('requests.openedAt', { when: dateTime(r.createdAt, lang) })}
        {' · '}
        {t('requests.dueAt', { date: calendarDate(r.dueAt, lang) })}
      </small>
      {r.detail && <p className="request-text">{r.detail}</p>}
      {r.answer && (
        <div className="request-answer">
          <h3>{t('requests.answer')}</h3>
          <p className="request-text">{r.answer}</p>
        </div>
      )}
      {r.refusalReason && (
        <div className="request-answer request-refused">
          <h3>{t('requests.refusalReason')}</h3>
          <p className="request-text">{r.refusalReason}</p>
        </div>
      )}
    </li>
  );
}
