/**
 * Bio and birthday at rest (requirement 13: children's data is stored encrypted).
 *
 * They are encrypted for every member, not only for children. Encrypting only children's values
 * would mean moving them between plain and encrypted columns whenever the age group changes (a
 * birthday typed in, corrected, or passed): every such move is a chance to leave a child's value
 * in plain text, and a plain column that is sometimes empty tells a reader who is a child. Always
 * encrypted, there is nothing to move and nothing to infer; the cost is one decryption when /me is
 * read. The nickname stays plain: it is public and must be unique.
 */
import type { FieldCipher } from '../../platform/field-crypto.ts';
import type { users } from '../accounts/tables.ts';
import { type AgeGroup, ageGroupOf } from './age.ts';

export const BIO_CONTEXT = 'users.bio';
export const BIRTHDAY_CONTEXT = 'users.birthday';

type UserRow = typeof users.$inferSelect;
type UserChanges = Partial<typeof users.$inferInsert>;

/** The bio and birthday of an account row, decrypted (or still plain, until the age job ran). */
export function openProfile(
  keyring: FieldCipher,
  row: Pick<UserRow, 'bio' | 'bioCiphertext' | 'birthday' | 'birthdayCiphertext'>,
): { bio: string | null; birthday: string | null } {
  return {
    bio: row.bioCiphertext ? keyring.decrypt(row.bioCiphertext, BIO_CONTEXT) : row.bio,
    birthday: row.birthdayCiphertext
      ? keyring.decrypt(row.birthdayCiphertext, BIRTHDAY_CONTEXT)
      : row.birthday,
  };
}

export function bioChanges(keyring: FieldCipher, bio: string | null): UserChanges {
  return { bio: null, bioCiphertext: bio === null ? null : keyring.encrypt(bio, BIO_CONTEXT) };
}

/** A new birthday (or none), encrypted, with the age group it gives today. */
export function birthdayChanges(
  keyring: FieldCipher,
  birthday: string | null,
  now: Date,
): UserChanges & { ageGroup: AgeGroup } {
  return {
    birthday: null,
    birthdayCiphertext: birthday === null ? null : keyring.encrypt(birthday, BIRTHDAY_CONTEXT),
    ageGroup: ageGroupOf(birthday, now),
  };
}
