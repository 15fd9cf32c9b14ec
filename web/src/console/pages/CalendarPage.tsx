/**
 * 工作日历 (compliance and admin): a year's public holidays and make-up working days, on which
 * the 15-working-day deadline of rights requests is counted. Provisional rows (a year whose
 * official schedule was not yet published) are marked until an operator confirms them.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import {
  addCalendarDay,
  type CalendarDay,
  type CalendarDayInput,
  getCalendarYear,
  removeCalendarDay,
  updateCalendarDay,
} from '../consoleApi.ts';
import { useSession } from '../session.tsx';
import './requests.css';

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

export function CalendarPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear);
  const [version, setVersion] = useState(0);
  const days = useAsync(`calendar:${year}:${version}`, (signal) => getCalendarYear(year, signal));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.calendar')}
      </h1>
      <p className="lead">{t('console.calendar.intro')}</p>
      <div className="request-filters">
        {[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => (
          <button
            key={y}
            type="button"
            className={y === year ? 'button button-small' : 'button button-small button-quiet'}
            aria-pressed={y === year}
            onClick={() => setYear(y)}
          >
            {y}
          </button>
        ))}
      </div>
      <Loadable state={days}>
        {(data) => (
          <CalendarTable key={`${year}:${version}`} data={data} onChanged={() => setVersion((v) => v + 1)} />
        )}
      </Loadable>
    </section>
  );
}

const EMPTY: CalendarDayInput & { date: string } = {
  date: '',
  kind: 'holiday',
  nameZh: '',
  nameEn: '',
  note: null,
  provisional: false,
};

function CalendarTable({
  data,
  onChanged,
}: {
  data: { year: number; provisional: boolean; days: CalendarDay[] };
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const { expire } = useSession();
  const [draft, setDraft] = useState(EMPTY);
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      setDraft(EMPTY);
      setEditing(undefined);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return expire();
      const code = err instanceof ApiError ? err.code : '';
      const known: Record<string, string> = {
        'calendar.invalid_date': t('console.calendar.error.invalidDate'),
        'calendar.date_exists': t('console.calendar.error.exists'),
        'calendar.workday_not_weekend': t('console.calendar.error.notWeekend'),
        'calendar.day_not_found': t('console.calendar.error.notFound'),
        'validation.failed': t('console.calendar.error.fields'),
      };
      setError(known[code] ?? t('error.server'));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { date, ...input } = { ...draft, note: draft.note?.trim() || null };
    void run(() => (editing ? updateCalendarDay(editing, input) : addCalendarDay({ date, ...input })));
  };
  const field = (key: 'nameZh' | 'nameEn' | 'note', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={draft[key] ?? ''}
        maxLength={key === 'note' ? 500 : 80}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );

  return (
    <>
      {data.provisional && (
        <p className="notice" role="note" data-testid="calendar-provisional">
          {t('console.calendar.provisionalNotice')}
        </p>
      )}
      <form className="calendar-form" onSubmit={submit} noValidate data-testid="calendar-form">
        <label className="field">
          <span>{t('console.calendar.date')}</span>
          <input
            type="date"
            value={editing ?? draft.date}
            disabled={editing !== undefined}
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('console.calendar.kind')}</span>
          <select
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as CalendarDay['kind'] })}
          >
            <option value="holiday">{t('console.calendar.holiday')}</option>
            <option value="workday">{t('console.calendar.workday')}</option>
          </select>
        </label>
        {field('nameZh', t('console.calendar.nameZh'))}
        {field('nameEn', t('console.calendar.nameEn'))}
        {field('note', t('console.calendar.note'))}
        <label className="field field-inline">
          <input
            type="checkbox"
            checked={draft.provisional ?? false}
            onChange={(e) => setDraft({ ...draft, provisional: e.target.checked })}
          />
          <span>{t('console.calendar.provisional')}</span>
        </label>
        <button type="submit" className="button" disabled={busy}>
          {editing ? t('console.calendar.save') : t('console.calendar.add')}
        </button>
        {editing && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setEditing(undefined);
              setDraft(EMPTY);
            }}
          >
            {t('console.reason.cancel')}
          </button>
        )}
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {data.days.length === 0 ? (
        <p className="muted">{t('console.calendar.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="calendar-table">
            <thead>
              <tr>
                <th scope="col">{t('console.calendar.date')}</th>
                <th scope="col">{t('console.calendar.kind')}</th>
                <th scope="col">{t('console.calendar.name')}</th>
                <th scope="col">{t('console.calendar.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('console.calendar.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.date} className={d.provisional ? 'row-provisional' : undefined}>
                  <td className="mono nowrap">
                    {d.date} <span className="muted">{weekday(d.date, lang)}</span>
                  </td>
                  <td className="nowrap">
                    {d.kind === 'holiday' ? t('console.calendar.holiday') : t('console.calendar.workday')}
                    {d.provisional && (
                      <span className="badge badge-provisional">{t('console.calendar.provisional')}</span>
                    )}
                  </td>
                  <td>{lang === 'en' ? d.nameEn : d.nameZh}</td>
                  <td className="muted">{d.note ?? '—'}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      disabled={busy}
                      onClick={() => {
                        setEditing(d.date);
                        setDraft({ ...d });
                      }}
                    >
                      {t('console.calendar.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      disabled={busy}
                      onClick={() => {
                        if (window.confirm(t('console.calendar.confirmRemove', { date: d.date }))) {
                          void run(() => removeCalendarDay(d.date));
                        }
                      }}
                    >
                      {t('console.calendar.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function weekday(date: string, lang: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en' : 'zh-CN', {
    weekday: 'short',
    timeZone: 'UTC',
  });
}
