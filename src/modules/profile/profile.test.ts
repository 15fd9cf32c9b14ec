import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { banWord } from './testing.ts';

describe('PATCH /me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const patch = (headers: Record<string, string>, payload: unknown) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: payload as object });

  async function expectInvalid(payload: unknown, path: string, code = 'validation.failed', status = 400) {
    const m = await makeMember(t.app);
    const res = await patch(m.headers, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    return res.json();
  }

  it('updates any of nickname, gender, birthday and bio and answers the updated /me', async () => {
    const m = await makeMember(t.app);
    const nickname = `挖掘机·老${uid().slice(0, 4)}`;
    const res = await patch(m.headers, {
      nickname,
      gender: 'female',
      birthday: '1990-05-17',
      bio: '十年挖机操作手，\n<b>不是 HTML</b> 😀',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: m.userId,
      nickname,
      gender: 'female',
      birthday: '1990-05-17',
      bio: '十年挖机操作手，\n<b>不是 HTML</b> 😀', // stored as given; clients render it as text
      ageGroup: 'adult',
    });
    expect(res.json().phone).toMatch(/^199\*{4}\d{4}$/);

    const partial = await patch(m.headers, { gender: 'undisclosed' });
    expect(partial.json()).toMatchObject({ nickname, gender: 'undisclosed', birthday: '1990-05-17' });
    const cleared = await patch(m.headers, { bio: null, birthday: null });
    expect(cleared.json()).toMatchObject({ nickname, bio: null, birthday: null });
    const me = await t.app.inject({ url: '/api/v1/me', headers: m.headers });
    expect(me.json()).toMatchObject({ nickname, gender: 'undisclosed', bio: null });
  });

  it('counts nickname length in characters: 2 Chinese characters pass, 1 or 21 do not', async () => {
    const m = await makeMember(t.app);
    const two = `${String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 20000))}${uid().slice(0, 1)}`;
    expect((await patch(m.headers, { nickname: two })).statusCode).toBe(200);
    await expectInvalid({ nickname: '王' }, 'body.nickname');
    await expectInvalid({ nickname: 'a'.repeat(21) }, 'body.nickname');
    await expectInvalid({ nickname: '' }, 'body.nickname');
  });

  it('refuses characters other than letters, digits, _, - and ·', async () => {
    for (const nickname of [
      '有 空格',
      'emoji😀',
      'a<b>',
      'tab\there',
      'new\nline',
      'nul\u0000x',
      'at@home',
    ]) {
      await expectInvalid({ nickname }, 'body.nickname');
    }
  });

  it('refuses a nickname another member has in another case, with 409', async () => {
    const base = `Dozer${uid()}`;
    const first = await makeMember(t.app);
    expect((await patch(first.headers, { nickname: base })).statusCode).toBe(200);
    const body = await expectInvalid(
      { nickname: base.toUpperCase() },
      'body.nickname',
      'profile.nickname_taken',
      409,
    );
    expect(body.detail).not.toContain(base);
    // Keeping one's own nickname (a PATCH that repeats it) is no conflict.
    expect((await patch(first.headers, { nickname: base, gender: 'male' })).statusCode).toBe(200);
  });

  it('refuses a word banned in the console, in the nickname and in the bio, without echoing it', async () => {
    const word = `禁词${uid().slice(0, 6)}`;
    await banWord(t.app, word, 'all');
    const nick = await expectInvalid({ nickname: `我是${word}` }, 'body.nickname', 'profile.banned_word');
    expect(JSON.stringify(nick)).not.toContain(word);
    const bio = await expectInvalid({ bio: `前文 ${word} 后文` }, 'body.bio', 'profile.banned_word');
    expect(JSON.stringify(bio)).not.toContain(word);
  });

  it('finds banned words whatever the width, case and spacing', async () => {
    const word = `spam${uid().slice(0, 5)}`;
    await banWord(t.app, word, 'bio');
    const fullWidth = [...word.toUpperCase()]
      .map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0))
      .join('　'); // ideographic spaces between full-width letters
    await expectInvalid({ bio: `看这里：${fullWidth}！` }, 'body.bio', 'profile.banned_word');
    // Banned for bios only: the same word is allowed in a nickname.
    const m = await makeMember(t.app);
    expect((await patch(m.headers, { nickname: `${word}ok` })).statusCode).toBe(200);
  });

  it('refuses a birthday in the future, before 1900, or not a date', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await expectInvalid({ birthday: tomorrow }, 'body.birthday');
    await expectInvalid({ birthday: '1899-12-31' }, 'body.birthday');
    await expectInvalid({ birthday: '2001-02-29' }, 'body.birthday');
    await expectInvalid({ birthday: '17/05/1990' }, 'body.birthday');
    const m = await makeMember(t.app);
    expect((await patch(m.headers, { birthday: '1900-01-01' })).statusCode).toBe(200);
  });

  it('sets the age group from the birthday (rules and boundaries: modules/guardian)', async () => {
    const m = await makeMember(t.app);
    const childhood = new Date(Date.now() - 8 * 365 * 86_400_000).toISOString().slice(0, 10);
    const res = await patch(m.headers, { birthday: childhood });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ birthday: childhood, ageGroup: 'child' });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, m.userId));
    expect(row.ageGroup).toBe('child');
    expect((await patch(m.headers, { birthday: null })).json()).toMatchObject({
      birthday: null,
      ageGroup: 'adult',
    });
  });

  it('takes a bio of 200 characters and refuses 201, and control characters', async () => {
    const m = await makeMember(t.app);
    expect((await patch(m.headers, { bio: '工'.repeat(200) })).statusCode).toBe(200);
    await expectInvalid({ bio: '工'.repeat(201) }, 'body.bio');
    await expectInvalid({ bio: 'bell\u0007' }, 'body.bio');
    await expectInvalid({ bio: 'right-to-left \u202eevil' }, 'body.bio');
  });

  it('refuses a bad gender, unknown fields, an empty patch and non-JSON bodies', async () => {
    await expectInvalid({ gender: 'other' }, 'body.gender');
    await expectInvalid({ ageGroup: 'child' }, '');
    await expectInvalid({}, 'body');
    const m = await makeMember(t.app);
    const text = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...m.headers, 'content-type': 'text/plain' },
      payload: 'nickname=x',
    });
    expect(text.statusCode).toBe(415);
    const form = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...m.headers, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--',
    });
    expect(form.statusCode).toBe(415);
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { gender: 'male' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });
});
