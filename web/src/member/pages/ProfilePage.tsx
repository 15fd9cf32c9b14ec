/**
 * 编辑资料 (policy 1.3, 4.5): the avatar from the camera or the album (the browser asks for the
 * permission only when one of the two is tapped), cropped to a square before upload; nickname,
 * gender, birthday and a bio of at most 200 characters. A refused picture leaves the old avatar.
 */
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { GENDERS, type Gender, type Me, type ProfilePatch, updateProfile, uploadAvatar } from '../account.ts';
import { Avatar } from '../components/Avatar.tsx';
import { AvatarCropper, decodePicture, type Picture } from '../components/AvatarCropper.tsx';
import { Notice, TextField } from '../components/Form.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SignedInOnly } from '../components/SignedInOnly.tsx';
import { errorMessage, fieldErrors } from '../errors.ts';
import { useSession } from '../session.tsx';

const ACCEPT = 'image/jpeg,image/png,image/webp';
const ACCEPTED = new Set(ACCEPT.split(','));
/** Larger photos are refused before decoding: a phone decoding 30 MB may run out of memory. */
const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
/** The server's rules (src/modules/profile/text-rules.ts): lengths count characters, not UTF-16 units. */
const BIO_MAX = 200;
const NICKNAME_MIN = 2;
const NICKNAME_MAX = 20;
const NICKNAME_PATTERN = /^[\p{L}\p{Nd}_\-·]+$/u;
const length = (s: string) => [...s].length;
const clip = (s: string, max: number) => (length(s) > max ? [...s].slice(0, max).join('') : s);

export function ProfilePage() {
  const { t } = useI18n();
  useTitle(`${t('profile.title')} · ${t('app.name')}`);
  return (
    <div className="account-page">
      <PageHeader title={t('profile.title')} fallback="/me" />
      <SignedInOnly>
        {(member) => (
          <>
            <AvatarSection member={member} />
            <ProfileForm key={member.id} member={member} />
          </>
        )}
      </SignedInOnly>
    </div>
  );
}

function AvatarSection({ member }: { member: Me }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [picture, setPictureState] = useState<{ picture: Picture; n: number } | null>(null);
  const setPicture = (p: Picture | null) =>
    setPictureState((old) => (p ? { picture: p, n: (old?.n ?? 0) + 1 } : null));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // The same file chosen twice in a row must still fire a change.
    e.target.value = '';
    if (!file) return;
    setMessage(undefined);
    if (file.size > MAX_SOURCE_BYTES) {
      setMessage({ kind: 'error', text: t('profile.error.avatarTooLarge') });
      return;
    }
    if (file.type && !ACCEPTED.has(file.type)) {
      setMessage({ kind: 'error', text: t('profile.error.avatarType') });
      return;
    }
    try {
      setPicture(await decodePicture(file));
    } catch {
      // Named .jpg but not a picture (or one the browser cannot read): nothing is uploaded.
      setMessage({ kind: 'error', text: t('profile.error.avatarType') });
    }
  };

  const upload = async (blob: Blob) => {
    setBusy(true);
    try {
      const { avatarUrl } = await uploadAvatar(blob, 'avatar.jpg');
      session.update({ avatarUrl });
      setPicture(null);
      setMessage({ kind: 'ok', text: t('profile.avatarSaved') });
    } catch (err) {
      setPicture(null);
      setMessage({ kind: 'error', text: errorMessage(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel avatar-panel" aria-labelledby="avatar-title">
      <h2 id="avatar-title">{t('profile.avatar')}</h2>
      <div className="avatar-row">
        <Avatar url={member.avatarUrl} name={member.nickname} />
        <div className="avatar-buttons">
          <label className="button button-quiet file-button">
            <input type="file" accept={ACCEPT} capture="user" className="visually-hidden" onChange={choose} />
            {t('avatar.camera')}
          </label>
          <label className="button button-quiet file-button">
            <input
              type="file"
              accept={ACCEPT}
              className="visually-hidden"
              onChange={choose}
              data-testid="avatar-album"
            />
            {t('avatar.album')}
          </label>
        </div>
      </div>
      <p className="form-hint">{t('avatar.hint')}</p>
      {message && (
        <p
          className={message.kind === 'ok' ? 'form-hint form-hint-ok' : 'form-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="avatar-message"
        >
          {message.text}
        </p>
      )}
      {picture && (
        <AvatarCropper
          key={picture.n}
          picture={picture.picture}
          busy={busy}
          onCancel={() => setPicture(null)}
          onDone={upload}
        />
      )}
    </section>
  );
}

type Errors = Partial<Record<'nickname' | 'gender' | 'birthday' | 'bio' | 'form', string>>;

interface ProfileFormProps {
  member: Me;
  /** Where the changes go: PATCH /me by default; the guardian's page corrects a child's profile. */
  save?(patch: ProfilePatch): Promise<Me>;
  onSaved?(me: Me): void;
}

/** The profile fields with the server's rules; shared by 编辑资料 and the guardian's page. */
export function ProfileForm({ member, save = updateProfile, onSaved }: ProfileFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const bioId = useId();
  const [nickname, setNickname] = useState(member.nickname ?? '');
  const [gender, setGender] = useState<Gender | ''>(member.gender ?? '');
  const [birthday, setBirthday] = useState(member.birthday ?? '');
  const [bio, setBio] = useState(member.bio ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  // "Saved" is about what is on screen: the next edit takes it away.
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setSaved(false);
    };
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const patch: ProfilePatch = {};
    const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
    const name = nickname.trim();
    const found: Errors = {};
    if (name === '' && member.nickname) found.nickname = t('field.nickname.required');
    else if (name !== '' && (length(name) < NICKNAME_MIN || length(name) > NICKNAME_MAX))
      found.nickname = t('field.nickname.length');
    else if (name !== '' && !NICKNAME_PATTERN.test(name)) found.nickname = t('field.nickname.chars');
    if (birthday && birthday > today) found.birthday = t('field.birthday.future');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (name !== '' && name !== member.nickname) patch.nickname = name;
    if ((gender || null) !== member.gender) patch.gender = gender || null;
    if ((birthday || null) !== member.birthday) patch.birthday = birthday || null;
    if (orNull(bio) !== member.bio) patch.bio = orNull(bio);
    if (Object.keys(patch).length === 0) {
      setErrors({});
      setSaved(true);
      return;
    }
    setBusy(true);
    try {
      const me = await save(patch);
      if (onSaved) onSaved(me);
      else session.update(me);
      setErrors({});
      setSaved(true);
    } catch (err) {
      // Taken nicknames and banned words come with the field they concern (errors[].path).
      const fields = fieldErrors(i18n, err) as Errors;
      setErrors(Object.keys(fields).length > 0 ? fields : { form: errorMessage(i18n, err) });
    } finally {
      setBusy(false);
    }
  };

  const genderLabel = {
    male: t('profile.gender.male'),
    female: t('profile.gender.female'),
    undisclosed: t('profile.gender.undisclosed'),
  };

  return (
    <form className="panel account-form" onSubmit={submit} noValidate aria-labelledby="profile-form-title">
      <h2 id="profile-form-title" className="form-title">
        {t('profile.info')}
      </h2>
      <p className="form-hint">{t('profile.shownHint')}</p>
      {errors.form && <Notice>{errors.form}</Notice>}
      {saved && <Notice kind="ok">{t('profile.saved')}</Notice>}
      <TextField
        label={t('profile.nickname')}
        value={nickname}
        onValue={edit(setNickname)}
        autoComplete="nickname"
        error={errors.nickname}
        hint={t('profile.nicknameHint', { min: NICKNAME_MIN, max: NICKNAME_MAX })}
      />
      <fieldset className="form-field">
        <legend>{t('profile.gender')}</legend>
        <div className="segmented segmented-radio">
          {GENDERS.map((g) => (
            <label key={g}>
              <input
                type="radio"
                name="gender"
                value={g}
                checked={gender === g}
                onChange={() => edit(setGender)(g)}
              />
              <span>{genderLabel[g]}</span>
            </label>
          ))}
        </div>
        {errors.gender && <p className="form-error">{errors.gender}</p>}
      </fieldset>
      <TextField
        label={t('profile.birthday')}
        type="date"
        value={birthday}
        onValue={edit(setBirthday)}
        min="1900-01-01"
        max={today}
        error={errors.birthday}
        hint={t('profile.birthdayHint')}
      />
      <div className={errors.bio ? 'form-field has-error' : 'form-field'}>
        <label htmlFor={bioId}>{t('profile.bio')}</label>
        <textarea
          id={bioId}
          value={bio}
          rows={4}
          onChange={(e) => edit(setBio)(clip(e.target.value, BIO_MAX))}
          aria-describedby={`${bioId}-count`}
          aria-invalid={errors.bio ? true : undefined}
        />
        <p id={`${bioId}-count`} className="form-counter" aria-live="polite" data-testid="bio-counter">
          {t('profile.bioCount', { n: length(bio), max: BIO_MAX })}
        </p>
        {errors.bio && <p className="form-error">{errors.bio}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}
