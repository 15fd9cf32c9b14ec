/**
 * 注销账号: what cancelling deletes, anonymises and keeps (from the server's preview, itself made
 * from the annotations), that it cannot be undone, then the SMS code and a last confirmation. On
 * success the app is signed out and shows the receipt number.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { type CancellationItem, cancelAccount, getCancellationPreview, type Label } from '../cancellation.ts';
import { Notice, PhoneField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { SmsCodeField } from '../components/SmsCodeField.tsx';
import { errorMessage } from '../errors.ts';
import { useSession } from '../session.tsx';

export function CancelAccountPage() {
  const { t } = useI18n();
  useTitle(`${t('cancel.title')} · ${t('app.name')}`);
  const [receiptId, setReceiptId] = useState<string | null>(null);
  return (
    <div className="account-page cancel-page">
      <PageHeader title={t('cancel.title')} fallback="/me" />
      {receiptId ? (
        <section className="account-form" aria-live="polite">
          <Notice kind="ok">{t('cancel.done')}</Notice>
          <p className="form-intro">{t('cancel.receipt', { id: receiptId })}</p>
          <p className="form-intro">{t('cancel.receiptHint')}</p>
        </section>
      ) : (
        <SignedInOnly>{() => <CancelForm onDone={setReceiptId} />}</SignedInOnly>
      )}
    </div>
  );
}

/** The preview of what cancelling deletes, anonymises and keeps (also on the guardian's page). */
export function Preview({ items }: { items: CancellationItem[] }) {
  const { t, lang } = useI18n();
  const text = (l: Label) => (lang === 'en' ? l.en : l.zh);
  const group = (action: CancellationItem['action']) => items.filter((i) => i.action === action);
  const sections: [CancellationItem['action'], string][] = [
    ['delete', t('cancel.deleted')],
    ['anonymise', t('cancel.anonymised')],
    ['keep', t('cancel.kept')],
  ];
  return (
    <>
      {sections.map(([action, title]) =>
        group(action).length === 0 ? null : (
          <section key={action} className="cancel-preview" aria-label={title}>
            <h2>{title}</h2>
            <ul>
              {group(action).map((item) => (
                <li key={item.category}>
                  <strong>{text(item.label)}</strong>
                  {item.reason && (
                    <span className="cancel-reason">
                      {text(item.reason)}
                      {item.retention
                        ? lang === 'en'
                          ? ` (${text(item.retention)})`
                          : `（${text(item.retention)}）`
                        : ''}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </>
  );
}

function CancelForm({ onDone }: { onDone(receiptId: string): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [items, setItems] = useState<CancellationItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [errors, setErrors] = useState<{ phone?: string; code?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    getCancellationPreview(abort.signal)
      .then((p) => setItems(p.items))
      .catch((err) => {
        if (!abort.signal.aborted) setLoadError(errorMessage(i18n, err));
      });
    return () => abort.abort();
  }, [i18n]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setErrors({ code: t('cancel.codeMissing') });
      return;
    }
    if (!understood) {
      setErrors({ form: t('cancel.confirmMissing') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const answer = await cancelAccount(code);
      onDone(answer.receiptId);
      session.ended(t('cancel.signedOut'));
    } catch (err) {
      const message = errorMessage(i18n, err);
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('sms.')) setErrors({ code: message });
      else setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Notice>{t('cancel.irreversible')}</Notice>
      {loadError && <Notice>{loadError}</Notice>}
      {items ? <Preview items={items} /> : !loadError && <p className="form-intro">{t('cancel.loading')}</p>}
      <p className="form-intro">{t('cancel.verifyIntro')}</p>
      <PhoneField value={phone} onValue={setPhone} error={errors.phone} />
      <SmsCodeField
        phone={phone}
        purpose="cancel-account"
        value={code}
        onValue={setCode}
        error={errors.code}
        onPhoneError={(message) => setErrors((e) => ({ ...e, phone: message }))}
      />
      <label className="cancel-confirm">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        <span>{t('cancel.confirm')}</span>
      </label>
      {errors.form && <Notice>{errors.form}</Notice>}
      <div className="form-actions">
        <button type="submit" className="button button-wide button-danger" disabled={busy || !items}>
          {busy ? t('cancel.submitting') : t('cancel.submit')}
        </button>
      </div>
    </form>
  );
}
