/**
 * 附近: regional news, conferences and used equipment first. The position is asked for only when
 * the reader taps the button; a member needs the separate location consent (turned on here with
 * its impact acknowledged) and the server keeps only the province and city; an anonymous visitor's
 * region stays on this device.
 */
import { useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { useTitle } from '../../shared/useTitle.ts';
import { FeedCard } from '../components/FeedCard.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import {
  currentPosition,
  deleteMyLocation,
  type PositionFailure,
  regionalItems,
  regionChanged,
  regionLabel,
  regionOfPosition,
  setDeviceRegion,
  setMyLocation,
  useActiveRegion,
} from '../location.ts';
import { getMyConsents, getPolicy, setMyConsent } from '../privacy.ts';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';
import '../location.css';

const SECTIONS: { column: string; title: MessageKey }[] = [
  { column: 'news', title: 'location.section.news' },
  { column: 'events', title: 'location.section.events' },
  { column: 'used', title: 'location.section.used' },
];

const FAILURE_KEY: Record<PositionFailure, MessageKey> = {
  denied: 'location.denied',
  unavailable: 'location.unavailable',
  unsupported: 'location.unsupported',
};

export function NearbyPage() {
  const { t, lang } = useI18n();
  useTitle(`${t('location.title')} · ${t('app.name')}`);
  const { status } = useSession();
  const { region, reload } = useActiveRegion(lang);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const explainFailure = (err: unknown) => {
    if (typeof err === 'string' && err in FAILURE_KEY) return t(FAILURE_KEY[err as PositionFailure]);
    if (err instanceof ApiError && err.code === 'location.outside_service_area') return t('location.outside');
    return t('location.failed');
  };

  const locate = async (grantFirst: boolean) => {
    setError(null);
    setBusy(true);
    try {
      if (status === 'member') {
        if (grantFirst) await setMyConsent('location', true, true);
        const position = await currentPosition();
        await setMyLocation(position, lang);
      } else {
        const position = await currentPosition();
        setDeviceRegion(await regionOfPosition(position, lang));
      }
      regionChanged();
      reload();
    } catch (err) {
      setError(explainFailure(err));
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setError(null);
    try {
      if (status === 'member') await deleteMyLocation();
      else setDeviceRegion(null);
      regionChanged();
      reload();
    } catch (err) {
      setError(explainFailure(err));
    }
  };

  return (
    <div className="nearby-page">
      <PageHeader title={t('location.title')} fallback="/" />
      <p className="hint">{t('location.explain')}</p>
      {region === undefined ? (
        <p className="page-status" role="status">
          {t('console.loading')}
        </p>
      ) : region ? (
        <>
          <section className="panel nearby-current">
            <p data-testid="current-region">{t('location.current', { region: regionLabel(region) })}</p>
            <button type="button" className="button button-quiet" onClick={clear} data-testid="clear-region">
              {t('location.clear')}
            </button>
            {status !== 'member' && <p className="hint">{t('location.deviceOnly')}</p>}
          </section>
          <RegionalSections province={region.province.id} />
        </>
      ) : status === 'member' ? (
        <MemberStart busy={busy} onLocate={locate} />
      ) : (
        <section className="panel">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => locate(false)}
            data-testid="use-location"
          >
            {t('location.use')}
          </button>
          <p className="hint">{t('location.anonymousHint')}</p>
        </section>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="location-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A member: with the consent on, one tap; otherwise the consent's impact first, acknowledged. */
function MemberStart({ busy, onLocate }: { busy: boolean; onLocate(grantFirst: boolean): void }) {
  const { t, lang } = useI18n();
  const [acknowledged, setAcknowledged] = useState(false);
  const consents = useAsync('location-consent', (signal) => getMyConsents(signal));
  const policy = useAsync(`policy:${lang}`, (signal) => getPolicy(lang, undefined, signal));
  if (consents.status !== 'ready' || policy.status !== 'ready')
    return (
      <p className="page-status" role="status">
        {t('console.loading')}
      </p>
    );
  const granted = consents.data.find((c) => c.purpose === 'location')?.granted === true;
  if (granted)
    return (
      <section className="panel">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => onLocate(false)}
          data-testid="use-location"
        >
          {t('location.use')}
        </button>
      </section>
    );
  const purpose = policy.data.purposes.find((p) => p.id === 'location');
  return (
    <section className="panel" data-testid="location-consent">
      <h2>{t('location.consentTitle')}</h2>
      <p>{purpose?.impact}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={acknowledged}
          onChange={(e) => setAcknowledged(e.target.checked)}
          data-testid="acknowledge-location"
        />
        <span>{t('location.acknowledge')}</span>
      </label>
      <button
        type="button"
        className="button"
        disabled={busy || !acknowledged}
        onClick={() => onLocate(true)}
        data-testid="grant-location"
      >
        {t('location.grantAndUse')}
      </button>
      <p className="hint">
        {t('location.switchHint')} <Link to="/privacy">{t('location.privacyLink')}</Link>
      </p>
    </section>
  );
}

function RegionalSections({ province }: { province: string }) {
  const { t } = useI18n();
  const { reference } = useReference();
  return (
    <>
      {SECTIONS.map((s) => (
        <RegionalSection key={s.column} column={s.column} province={province} title={t(s.title)}>
          {(items) =>
            items.length === 0 ? (
              <p className="hint">{t('location.sectionEmpty')}</p>
            ) : (
              <ul className="feed-list">
                {items.map((item) => (
                  <li key={item.id}>
                    <FeedCard item={item} reference={reference} />
                  </li>
                ))}
              </ul>
            )
          }
        </RegionalSection>
      ))}
    </>
  );
}

function RegionalSection({
  column,
  province,
  title,
  children,
}: {
  column: string;
  province: string;
  title: string;
  children(items: Awaited<ReturnType<typeof regionalItems>>): React.ReactNode;
}) {
  const { t, lang } = useI18n();
  const items = useAsync(`regional:${column}:${province}:${lang}`, (signal) =>
    regionalItems(column, province, lang, signal),
  );
  return (
    <section className="nearby-section" data-testid={`nearby-${column}`}>
      <h2>{title}</h2>
      {items.status === 'ready' ? (
        children(items.data)
      ) : items.status === 'error' ? (
        <p className="form-error">{t('location.failed')}</p>
      ) : (
        <p className="page-status">{t('console.loading')}</p>
      )}
    </section>
  );
}
