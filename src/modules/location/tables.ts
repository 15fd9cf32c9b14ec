/**
 * A member's region (province and optional city), derived on the server from the device's
 * position under the separate `location` consent. The coordinates themselves are never stored.
 */
import { bigint, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal, personal, RETAIN } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';

export const REGION_SOURCES = ['device'] as const;

const regionColumn = personal({
  category: 'location.region',
  purposes: ['location'],
  legalBasis: 'consent',
  sensitive: true,
  retention: RETAIN.accountLifetime,
  erasure: { action: 'delete' },
  note: 'province and city only, derived from the device position under its separate consent (the position is not kept); deleted at once when that consent is withdrawn',
});

export const memberRegions = ccmTable(
  'member_regions',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A province id of location/regions.ts. */
    province: text('province').notNull(),
    /** A city id of that province, or null when the position was not near a known city. */
    city: text('city'),
    /** Where the region came from: the device's position (the only source so far). */
    source: text('source', { enum: REGION_SOURCES }).notNull().default('device'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  {
    subject: 'userId',
    columns: {
      userId: notPersonal('link to the data subject'),
      province: regionColumn,
      city: regionColumn,
      source: regionColumn,
      updatedAt: regionColumn,
    },
  },
);
