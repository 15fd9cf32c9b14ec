/**
 * 我的标签 (policy 1.3, "User Tag"): the machine classes and subdivisions the member works in,
 * used to recommend information, articles and activities.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { getMyTags, type Me, putMyTags } from '../account.ts';
import { Notice } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { ErrorState } from '../components/States.tsx';
import { TagPicker } from '../components/TagPicker.tsx';
import type { Tag } from '../content.ts';
import { errorMessage } from '../errors.ts';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';

export function TagsPage() {
  const { t } = useI18n();
  useTitle(`${t('tags.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('tags.title')} fallback="/me" />
      <SignedInOnly>{(member) => <TagsEditor member={member} />}</SignedInOnly>
    </div>
  );
}

function TagsEditor({ member }: { member: Me }) {
  const { t } = useI18n();
  const { reference, error, reload } = useReference();
  // GET /me/tags when it is there; the tags of /me otherwise (the same list).
  const mine = useAsync(`my-tags:${member.id}`, (signal) =>
    getMyTags(signal).then(
      (a) => a.tags,
      () => member.tags,
    ),
  );
  if (error && !reference) return <ErrorState error={error} onRetry={reload} />;
  if (!reference || mine.status === 'loading') return <p className="page-status">{t('console.loading')}</p>;
  if (mine.status === 'error') return <ErrorState error={mine.error} onRetry={mine.reload} />;
  return <TagsForm initial={mine.data} tags={reference.tags} />;
}

function TagsForm({ initial, tags }: { initial: string[]; tags: Tag[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [selected, setSelected] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const save = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const answer = await putMyTags(selected);
      session.update({ tags: answer.tags });
      setMessage({ kind: 'ok', text: t('tags.saved') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-form">
      <p className="form-intro">{t('tags.intro')}</p>
      <TagPicker tags={tags} selected={selected} onChange={setSelected} />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="form-actions form-actions-sticky">
        <button type="button" className="button button-wide" onClick={save} disabled={busy}>
          {busy ? t('form.saving') : t('tags.save', { n: selected.length })}
        </button>
      </div>
    </div>
  );
}
