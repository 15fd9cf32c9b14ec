/**
 * The staff access log (privacy requirement 17): one row each time a staff member reads or acts on
 * a member's personal information. Rows are only ever added (audit.ts offers no update or delete);
 * the retention sweep of the privacy capability will be the one thing that removes old rows.
 */
import { bigint, index, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { staffUsers } from '../staff/tables.ts';

const auditRecord = (note: string) =>
  personal({
    category: 'staff.identity',
    purposes: ['security', 'legal-compliance'],
    legalBasis: 'legal-obligation',
    sensitive: false,
    retention: RETAIN.days(365 * 3, 'created'),
    erasure: {
      action: 'keep-legal-hold',
      reason: {
        zh: '员工访问记录用于证明个人信息仅在授权范围内被访问（个人信息保护法第51条）',
        en: 'the staff access log proves that personal information was accessed only as authorised (PIPL art. 51)',
      },
    },
    note,
  });

export const staffAccessLog = ccmTable(
  'staff_access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No cascade: staff accounts are disabled, never deleted, and their trail must stay.
    staffId: bigint('staff_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id),
    /** `<object>.<verb>`, e.g. member.view, member.reveal_phone. */
    action: text('action').notNull(),
    // No foreign key: the trail must outlive the member's row (erasure may remove it) and must
    // never be deleted along with it.
    targetUserId: bigint('target_user_id', { mode: 'number' }),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    requestId: text('request_id'),
  },
  {
    retentionClock: { created: 'at' },
    subject: 'targetUserId',
    columns: {
      id: notPersonal('internal surrogate key'),
      staffId: auditRecord('who acted: the staff account'),
      action: notPersonal('what was done; meaningful only with the people it names'),
      targetUserId: notPersonal('link to the data subject'),
      reason: auditRecord('why, as the staff member typed it for a sensitive action'),
      at: notPersonal(),
      requestId: notPersonal('correlates the entry with the request log'),
    },
  },
  (t) => [
    index('staff_access_log_target_idx').on(t.targetUserId, t.id),
    index('staff_access_log_staff_idx').on(t.staffId, t.id),
  ],
);
