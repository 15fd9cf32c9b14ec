/**
 * One member's record beside the members table: the profile with the phone masked, tags, devices,
 * registration consents; the full number on request with a reason; suspension and restoration
 * with a reason and a confirmation step. Each of these is recorded in the access log.
 */
import { type ReactNode, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { dateTime } from '../../shared/date.ts';
import { Link } from '../../shared/router.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';
import {
  getMember,
  type MemberRecord,
  type MemberStatus,
  revealMemberPhone,
  setMemberSuspended,
} from '../consoleApi.ts';
import { useSession } from '../session.tsx';

/** Mainland numbers as people write them (13912345678); others in E.164. */
const readable = (e164: string) => (e164.startsWith('+86') ? e164.slice(3) : e164);

export function MemberDetail({
  id,
  onClose,
  onStatus,
}: {
  id: number;
  onClose(): void;
  onStatus(status: MemberStatus): void;
}) {
  const { t } = useI18n();
  const record = useAsync(`member:${id}`, (signal) => getMember(id, signal));
  return (
    <aside className="member-panel" aria-labelledby="member-title" data-testid="member-detail">
      <div className="member-panel-head">
        <h2 id="member-title">
          {record.status === 'ready' && record.data.nickname
            ? record.data.nickname
            : t('console.member.title', { id })}
        </h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          {t('console.member.close')}
        </button>
      </div>
      <Loadable state={record}>{(m) => <Record m={m} onStatus={onStatus} />}</Loadable>
    </aside>
  );
}

function Record({ m, onStatus }: { m: MemberRecord; onStatus(status: MemberStatus): void }) {
  const { t, tMaybe, lang } = useI18n();
  const { staff } = useSession();
  const [status, setStatus] = useState(m.status);
  const changeStatus = (next: MemberStatus) => {
    setStatus(next);
    onStatus(next);
  };
  const row = (label: MessageKey, value: ReactNode) => (
    <div>
      <dt>{t(label)}</dt>
      <dd>{value === null || value === undefined || value === false || value === '' ? '—' : value}</dd>
    </div>
  );
  return (
    <div className="member-record">
      {m.ageGroup === 'child' && (
        <p className="notice notice-child" role="note">
          {t('console.member.childNotice')}
        </p>
      )}
      <dl className="member-fields">
        {row('console.member.id', <span className="mono">{m.id}</span>)}
        {row(
          'console.members.phone',
          m.phone ? <RevealPhone id={m.id} masked={m.phone} /> : t('console.members.noPhone'),
        )}
        {row(
          'console.members.status',
          <span className={`status member-${status}`}>{t(`console.members.status.${status}`)}</span>,
        )}
        {row('console.members.ageGroup', t(`console.members.ageGroup.${m.ageGroup}`))}
        {row('console.member.gender', m.gender && t(`console.member.gender.${m.gender}`))}
        {row('console.member.birthday', m.birthday)}
        {row('console.member.bio', m.bio)}
        {row('console.members.ipRegion', m.ipRegion)}
        {row('console.members.joined', dateTime(m.createdAt, lang))}
        {row('console.members.lastLogin', m.lastLoginAt && dateTime(m.lastLoginAt, lang))}
        {row('console.member.sessions', m.sessionCount)}
        {row(
          'console.member.tags',
          m.tags.length > 0 && (
            <span className="member-tags">
              {m.tags.map((tag) => (
                <span key={tag.id} className="badge">
                  {lang === 'en' ? tag.nameEn : tag.nameZh}
                </span>
              ))}
            </span>
          ),
        )}
        {row(
          'console.member.consents',
          m.consents.length > 0 && (
            <ul className="plain">
              {m.consents.map((c) => (
                <li key={`${c.purpose}:${c.createdAt}`}>
                  {t('console.member.consentLine', {
                    purpose: tMaybe(`purpose.${c.purpose}`) ?? c.purpose,
                    answer: c.granted
                      ? t('console.member.consentGranted')
                      : t('console.member.consentRefused'),
                  })}
                  <small className="note">
                    {t('console.member.consentWhen', {
                      version: c.policyVersion,
                      date: dateTime(c.createdAt, lang),
                    })}
                  </small>
                </li>
              ))}
            </ul>
          ),
        )}
      </dl>
      <Suspension id={m.id} status={status} onChange={changeStatus} />
      {(staff.role === 'compliance' || staff.role === 'admin') && (
        <p>
          <Link to={`/console/access-log?userId=${m.id}`}>{t('console.member.accessLog')}</Link>
        </p>
      )}
    </div>
  );
}

function RevealPhone({ id, masked }: { id: number; masked: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string>();
  if (phone) {
    return (
      <span className="revealed">
        <strong className="mono" data-testid="revealed-phone">
          {readable(phone)}
        </strong>
        <small className="note">{t('console.member.revealed')}</small>
      </span>
    );
  }
  return (
    <div className="reveal">
      <span className="mono">{masked}</span>{' '}
      {open ? (
        <ReasonForm
          label={t('console.member.revealReason')}
          hint={t('console.member.revealHint')}
          confirm={t('console.member.revealConfirm')}
          onConfirm={async (reason) => setPhone((await revealMemberPhone(id, reason)).phone)}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <button type="button" className="button button-small button-quiet" onClick={() => setOpen(true)}>
          {t('console.member.reveal')}
        </button>
      )}
    </div>
  );
}

function Suspension({
  id,
  status,
  onChange,
}: {
  id: number;
  status: MemberStatus;
  onChange(status: MemberStatus): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<MessageKey>();
  if (status === 'cancelled') return <p className="muted">{t('console.member.cancelledNote')}</p>;
  const suspend = status === 'active';
  return (
    <div className="member-actions">
      {done && (
        <p className="notice" role="status">
          {t(done)}
        </p>
      )}
      {open ? (
        <ReasonForm
          label={t(suspend ? 'console.member.suspendReason' : 'console.member.unsuspendReason')}
          hint={t(suspend ? 'console.member.suspendHint' : 'console.member.unsuspendHint')}
          confirm={t(suspend ? 'console.member.suspendConfirm' : 'console.member.unsuspendConfirm')}
          danger={suspend}
          onConfirm={async (reason) => {
            const result = await setMemberSuspended(id, suspend, reason);
            setOpen(false);
            setDone(suspend ? 'console.member.suspended' : 'console.member.unsuspended');
            onChange(result.status);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <button
          type="button"
          className={suspend ? 'button button-small button-danger' : 'button button-small'}
          onClick={() => {
            setDone(undefined);
            setOpen(true);
          }}
        >
          {t(suspend ? 'console.member.suspend' : 'console.member.unsuspend')}
        </button>
      )}
    </div>
  );
}
