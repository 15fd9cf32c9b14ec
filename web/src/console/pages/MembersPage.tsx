/**
 * 会员: find members by whole phone number or nickname prefix, see them with phones masked, and
 * open one member's record beside the table. Every load here is recorded in the access log, so
 * the page says so; the search text stays in memory (not in the address bar or history).
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { TableFoot } from '../components/TableFoot.tsx';
import {
  type ConsoleMember,
  listMembers,
  MEMBER_STATUSES,
  type MemberPage,
  type MemberStatus,
} from '../consoleApi.ts';
import { useMorePages } from '../useMorePages.ts';
import { MemberDetail } from './MemberDetail.tsx';
import './members.css';

interface Query {
  q: string;
  status?: MemberStatus;
}

export function MembersPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<Query>({ q: '' });
  const [draft, setDraft] = useState('');
  const [openId, setOpenId] = useState<number>();
  // Statuses changed in the detail panel, shown in the table without reloading (and re-logging) it.
  const [changed, setChanged] = useState<Record<number, MemberStatus>>({});

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery((q) => ({ ...q, q: draft.trim() }));
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" className="page-title">
          {t('console.nav.members')}
        </h1>
        <label className="field field-inline">
          <span>{t('console.members.filter')}</span>
          <select
            value={query.status ?? ''}
            onChange={(e) =>
              setQuery((q) => ({ ...q, status: (e.target.value || undefined) as MemberStatus }))
            }
          >
            <option value="">{t('console.members.status.all')}</option>
            {MEMBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`console.members.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <form className="member-search" onSubmit={search}>
        <label className="field">
          <span>{t('console.members.search')}</span>
          <input
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t('console.members.searchHint')}
            maxLength={64}
            autoComplete="off"
          />
        </label>
        <button type="submit" className="button">
          {t('console.members.searchSubmit')}
        </button>
      </form>
      <p className="muted member-notice">{t('console.members.notice')}</p>
      <div className={openId ? 'members-layout members-layout-open' : 'members-layout'}>
        <MembersTable
          key={`${query.status ?? ''}:${query.q}`}
          query={query}
          openId={openId}
          changed={changed}
          onOpen={setOpenId}
        />
        {openId !== undefined && (
          <MemberDetail
            key={openId}
            id={openId}
            onClose={() => setOpenId(undefined)}
            onStatus={(status) => setChanged((c) => ({ ...c, [openId]: status }))}
          />
        )}
      </div>
    </section>
  );
}

interface TableProps {
  query: Query;
  openId?: number;
  changed: Record<number, MemberStatus>;
  onOpen(id: number): void;
}

function MembersTable({ query, ...rest }: TableProps) {
  const first = useAsync(`members:${query.status ?? ''}:${query.q}`, (signal) =>
    listMembers({ q: query.q || undefined, status: query.status }, signal),
  );
  return <Loadable state={first}>{(page) => <Rows first={page} query={query} {...rest} />}</Loadable>;
}

function Rows({ first, query, openId, changed, onOpen }: TableProps & { first: MemberPage }) {
  const { t } = useI18n();
  const { items, cursor, loading, error, loadMore } = useMorePages(first, (before) =>
    listMembers({ q: query.q || undefined, status: query.status, before }),
  );

  if (items.length === 0) return <p className="muted">{t('console.members.empty')}</p>;
  return (
    <div className="members-list">
      <div className="table-wrap">
        <table className="table" data-testid="members-table">
          <thead>
            <tr>
              <th scope="col">{t('console.members.phone')}</th>
              <th scope="col">{t('console.members.nickname')}</th>
              <th scope="col">{t('console.members.status')}</th>
              <th scope="col">{t('console.members.ageGroup')}</th>
              <th scope="col">{t('console.members.ipRegion')}</th>
              <th scope="col">{t('console.members.joined')}</th>
              <th scope="col">{t('console.members.lastLogin')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('console.members.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <MemberRow
                key={m.id}
                m={{ ...m, status: changed[m.id] ?? m.status }}
                open={m.id === openId}
                onOpen={() => onOpen(m.id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <TableFoot
        shown={t('console.members.shown', { n: items.length })}
        moreLabel={t('console.members.more')}
        cursor={cursor}
        loading={loading}
        error={error}
        onMore={loadMore}
      />
    </div>
  );
}

function MemberRow({ m, open, onOpen }: { m: ConsoleMember; open: boolean; onOpen(): void }) {
  const { t, lang } = useI18n();
  return (
    <tr aria-current={open ? 'true' : undefined} className={open ? 'row-open' : undefined}>
      <td className="mono">{m.phone ?? '—'}</td>
      <td className="nowrap">
        {m.nickname ?? <span className="muted">{t('console.members.noNickname')}</span>}
      </td>
      <td className="nowrap">
        <span className={`status member-${m.status}`}>{t(`console.members.status.${m.status}`)}</span>
      </td>
      <td className="nowrap">{t(`console.members.ageGroup.${m.ageGroup}`)}</td>
      <td className="nowrap">{m.ipRegion ?? '—'}</td>
      <td className="nowrap">{dateTime(m.createdAt, lang)}</td>
      <td className="nowrap">{m.lastLoginAt ? dateTime(m.lastLoginAt, lang) : '—'}</td>
      <td className="nowrap">
        <button type="button" className="button button-small button-quiet" onClick={onOpen}>
          {t('console.members.open')}
        </button>
      </td>
    </tr>
  );
}
