/** 我的兴趣: every weight personalisation uses, where it came from, and deleting one or all. */

import { useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { clearInterests, deleteInterest, getInterests, type Interest } from '../interests.ts';
import { forgetKeptFeeds } from '../useFeed.ts';
import '../engagement.css';

const KIND_KEY: Record<Interest['kind'], MessageKey> = {
  tag: 'interests.kind.tag',
  brand: 'interests.kind.brand',
  column: 'interests.kind.column',
  author: 'interests.kind.author',
};

const SOURCE_KEY: Record<Interest['source'], MessageKey> = {
  registration: 'interests.source.registration',
  view: 'interests.source.view',
  favorite: 'interests.source.favorite',
  comment: 'interests.source.comment',
  share: 'interests.source.share',
  follow: 'interests.source.follow',
  not_interested: 'interests.source.not_interested',
};

export function InterestsPage() {
  const { t } = useI18n();
  useTitle(`${t('interests.title')} · ${t('app.name')}`);
  return (
    <div className="engage-page">
      <PageHeader title={t('interests.title')} fallback="/me" />
      <p className="hint" data-testid="interests-algorithmic">
        {t('interests.algorithmic')} <Link to="/privacy">{t('interests.privacyLink')}</Link>
      </p>
      <SignedInOnly>{() => <Interests />}</SignedInOnly>
    </div>
  );
}

/** The distinct sources of a weight, in plain words, the largest first. */
function sourcesOf(i: Interest): Interest['source'][] {
  return [...new Set([i.source, ...i.sources.map((s) => s.source)])];
}

function Interests() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const [note, setNote] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const list = useAsync(`interests:${lang}:${version}`, (signal) => getInterests(lang, signal));
  const run = (action: Promise<void>, done: string) =>
    action.then(
      () => {
        forgetKeptFeeds();
        setNote(done);
        setConfirming(false);
        setVersion((v) => v + 1);
      },
      () => setNote(t('interests.failed')),
    );
  if (list.status === 'loading')
    return (
      <p className="page-status" role="status">
        {t('console.loading')}
      </p>
    );
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={list.reload} />;
  const items = list.data;
  return (
    <>
      <div role="status" className="action-message">
        {note}
      </div>
      {items.length === 0 ? (
        <EmptyState title={t('interests.empty')} body={t('interests.emptyBody')} />
      ) : (
        <>
          <div className="engage-clear">
            {confirming ? (
              <>
                <p>{t('interests.clearConfirm')}</p>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => run(clearInterests(false), t('interests.cleared'))}
                >
                  {t('interests.clearOnly')}
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => run(clearInterests(true), t('interests.cleared'))}
                >
                  {t('interests.clearWithBehaviour')}
                </button>
                <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
                  {t('interests.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
                {t('interests.clear')}
              </button>
            )}
          </div>
          <ul className="panel panel-list follow-list" data-testid="interest-list">
            {items.map((i) => (
              <li key={i.tag} className="follow-row" data-interest={i.tag}>
                <span className="follow-kind">{t(KIND_KEY[i.kind])}</span>
                <span className="follow-name">
                  {i.name}
                  <span className="hint">
                    {' · '}
                    {i.weight < 0
                      ? t('interests.negative')
                      : t('interests.weight', { weight: i.weight.toFixed(2) })}
                    {' · '}
                    {sourcesOf(i)
                      .map((s) => t(SOURCE_KEY[s]))
                      .join('；')}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={t('interests.deleteLabel', { name: i.name })}
                  onClick={() => run(deleteInterest(i.tag), t('interests.deleted'))}
                >
                  {t('interests.delete')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
