/** When the end of the service is announced: a banner on every page, with the date and the message. */
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { getServiceStatus } from '../notices.ts';

export function ServiceBanner() {
  const { t, lang } = useI18n();
  const status = useAsync('service-status', (signal) => getServiceStatus(signal));
  if (status.status !== 'ready' || status.data.mode !== 'ending' || !status.data.endsAt) return null;
  const { endsAt, message } = status.data;
  return (
    <div className="notice notice-warning service-banner" role="status" data-testid="service-ending">
      <strong>{t('service.ending', { date: dateTime(endsAt, lang) })}</strong>
      {message && <p>{lang === 'en' ? message.en : message.zh}</p>}
    </div>
  );
}
