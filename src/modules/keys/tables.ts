/**
 * Per-member data keys (member-keys.ts). The table names no `subject` on purpose: the wrapped key
 * is key material, not information about the member, so the privacy engine must neither export it
 * nor treat it as one of the member's tables; cancellation deletes the row itself, as its first
 * step (modules/erasure/cancellation.ts), and the verification run checks that it is gone.
 */
import { bigint, text, timestamp } from 'drizzle-orm/pg-core';
import { ccmTable, notPersonal } from '../../platform/personal-data.ts';
import { users } from '../accounts/tables.ts';

export const memberKeys = ccmTable(
  'member_keys',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `<keyId>.<iv>.<ciphertext+tag>`: the 32-byte data key under the keyring, AAD `member-key:<id>`. */
    wrappedKey: text('wrapped_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  {
    columns: {
      userId: notPersonal('link to the member whose data key this is; the row goes first at cancellation'),
      wrappedKey: notPersonal(
        'key material, not personal data: a random data key wrapped by the keyring; never exported or logged',
      ),
      createdAt: notPersonal(),
    },
  },
);
