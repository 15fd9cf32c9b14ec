import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { bannedWords } from './tables.ts';
import { consoleUser } from './testing.ts';

describe('console: banned words', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const url = '/api/v1/console/banned-words';

  it('lets an editor add, list and remove words, recording who added each', async () => {
    const editor = await consoleUser(t.app, 'editor');
    const word = `Ｂａｄ Word${uid().slice(0, 4)}`;
    const added = await t.app.inject({ method: 'POST', url, ...editor, payload: { word, kind: 'nickname' } });
    expect(added.statusCode, added.body).toBe(201);
    const created = added.json();
    // Stored in the form text is compared in: half-width, lower case, no spaces.
    expect(created).toMatchObject({
      word: `badword${word.slice(-4)}`,
      kind: 'nickname',
      createdBy: editor.id,
    });
    const [row] = await t.database.db.select().from(bannedWords).where(eq(bannedWords.id, created.id));
    expect(row.createdBy).toBe(editor.id);

    const list = await t.app.inject({ url: `${url}?kind=nickname`, cookies: editor.cookies });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((w: { id: number }) => w.id)).toContain(created.id);
    expect(list.json().items.every((w: { kind: string }) => w.kind === 'nickname')).toBe(true);

    const again = await t.app.inject({ method: 'POST', url, ...editor, payload: { word, kind: 'nickname' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('banned_word.exists');

    const removed = await t.app.inject({ method: 'DELETE', url: `${url}/${created.id}`, ...editor });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'DELETE', url: `${url}/${created.id}`, ...editor });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('banned_word.not_found');
  });

  it('lets an admin do it too, and refuses other roles and anonymous requests', async () => {
    const admin = await consoleUser(t.app, 'admin');
    const ok = await t.app.inject({
      method: 'POST',
      url,
      ...admin,
      payload: { word: uid('w'), kind: 'all' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().createdBy).toBe(admin.id);

    const support = await consoleUser(t.app, 'support');
    const refused = await t.app.inject({
      method: 'POST',
      url,
      ...support,
      payload: { word: uid(), kind: 'all' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.forbidden');
    expect((await t.app.inject({ url, cookies: support.cookies })).statusCode).toBe(403);
    expect((await t.app.inject({ url })).statusCode).toBe(401);
  });

  it('needs the CSRF header for changes', async () => {
    const editor = await consoleUser(t.app, 'editor');
    const res = await t.app.inject({
      method: 'POST',
      url,
      cookies: editor.cookies,
      payload: { word: uid(), kind: 'bio' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf_failed');
  });

  it('refuses an empty word, a word of spaces and an unknown kind', async () => {
    const editor = await consoleUser(t.app, 'editor');
    for (const payload of [
      { word: '', kind: 'all' },
      { word: ' 　 ', kind: 'all' },
      { word: 'x', kind: 'article-title' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url, ...editor, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors[0].path).toMatch(/^body\.(word|kind)$/);
    }
  });

  it('keeps comment words apart from nickname and bio words, and applies "all" to comments too', async () => {
    const { containsBannedWord } = await import('./banned-words.ts');
    const editor = await consoleUser(t.app, 'editor');
    const [commentWord, allWord] = [uid('cw'), uid('aw')];
    for (const [word, kind] of [
      [commentWord, 'comment'],
      [allWord, 'all'],
    ]) {
      const res = await t.app.inject({ method: 'POST', url, ...editor, payload: { word, kind } });
      expect(res.statusCode).toBe(201);
    }
    expect(await containsBannedWord(t.app.ctx.db, 'comment', `x ${commentWord} y`)).toBe(true);
    expect(await containsBannedWord(t.app.ctx.db, 'comment', allWord)).toBe(true);
    expect(await containsBannedWord(t.app.ctx.db, 'nickname', commentWord)).toBe(false);
    expect(await containsBannedWord(t.app.ctx.db, 'bio', commentWord)).toBe(false);
  });
});
