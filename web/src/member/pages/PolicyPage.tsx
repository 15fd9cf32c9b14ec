/**
 * 隐私政策全文 (/privacy/policy, or ?version= for an earlier one): the text served by GET
 * /privacy/policy in the reader's language, whose "what we collect" table the server generates
 * from the annotations; its version, dates and hash; and the version history.
 */
import { useI18n } from '../../i18n/index.tsx';
import { calendarDate } from '../../shared/date.ts';
import { Markdown } from '../../shared/Markdown.tsx';
import { Link, useLocation } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/States.tsx';
import { getPolicy, getPolicyVersions } from '../privacy.ts';

export function PolicyPage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  const version = search.get('version') ?? undefined;
  const policy = useAsync(`policy:${lang}:${version ?? ''}`, (signal) => getPolicy(lang, version, signal));
  const history = useAsync('policy-versions', (signal) => getPolicyVersions(signal));
  useTitle(`${t('pc.policy')} · ${t('app.name')}`);

  return (
    <div className="account-page policy-page">
      <PageHeader title={t('pc.policy')} fallback="/privacy" />
      {policy.status === 'loading' && <p className="page-status">{t('console.loading')}</p>}
      {policy.status === 'error' && <ErrorState error={policy.error} onRetry={policy.reload} />}
      {policy.status === 'ready' && (
        <>
          <section className="panel">
            <dl className="facts">
              <div>
                <dt>{t('privacy.versionLabel')}</dt>
                <dd data-testid="policy-page-version">{policy.data.version}</dd>
              </div>
              <div>
                <dt>{t('pc.publishedAt')}</dt>
                <dd>{calendarDate(policy.data.publishedAt, lang)}</dd>
              </div>
              <div>
                <dt>{t('pc.effectiveAt')}</dt>
                <dd>{calendarDate(policy.data.effectiveAt, lang)}</dd>
              </div>
            </dl>
            <p className="hint hash">
              {t('pc.hash')} <code>{policy.data.contentHash.slice(0, 16)}…</code>
            </p>
          </section>
          <article className="panel policy-text" data-testid="policy-text">
            <Markdown source={policy.data.body} />
          </article>
        </>
      )}
      {history.status === 'ready' && (
        <section className="panel" aria-labelledby="policy-history">
          <h2 id="policy-history">{t('pc.history')}</h2>
          <ul className="version-list" data-testid="policy-history">
            {history.data.map((v) => (
              <li key={v.version}>
                <Link to={`/privacy/policy?version=${encodeURIComponent(v.version)}`}>{v.version}</Link>{' '}
                <span className="muted">
                  {t(v.kind === 'major' ? 'pc.major' : 'pc.minor')} · {t('pc.effectiveAt')}{' '}
                  {calendarDate(v.effectiveAt, lang)}
                  {v.current && ` · ${t('pc.current')}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
