/** Counters behind rate limits and lockouts, shared by every instance through the database. */
import { integer, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';

export const rateLimits = ccmTable(
  'rate_limits',
  {
    /** `<scope>:<blind index>` — never a phone number or an IP address in plain text. */
    key: text('key').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  {
    retentionClock: { 'last-activity': 'windowStartedAt' },
    columns: {
      key: personal({
        category: 'security.counter',
        purposes: ['security'],
        legalBasis: 'contract',
        sensitive: false,
        retention: RETAIN.days(2, 'last-activity'),
        erasure: { action: 'delete' },
        note: 'a keyed hash of a phone number or IP address with the limit’s scope',
      }),
      windowStartedAt: notPersonal(),
      hits: notPersonal(),
    },
  },
);
