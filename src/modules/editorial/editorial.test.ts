import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { makeBrand, makeColumn, makeSeries, makeTag } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { consoleUser, multipartBody } from '../profile/testing.ts';
import type { StaffRole } from '../staff/tables.ts';
import { startPublishJob, stopPublishJob } from './job.ts';
import { sanitizeBody } from './sanitize.ts';
import { publishDue, STEPS } from './service.ts';
import { articleRevisions, type WorkflowAction } from './tables.ts';

type User = Awaited<ReturnType<typeof consoleUser>>;
const START = new Date('2026-07-01T08:00:00Z');

describe('editorial workflow', () => {
  let t: TestApp;
  const clock = fixedClock(START);
  let column: string;
  const users = {} as Record<StaffRole, User>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    column = await makeColumn(t.database.db);
    for (const role of ['admin', 'editor', 'reviewer', 'contributor', 'support', 'compliance'] as const)
      users[role] = await consoleUser(t.app, role);
  });
  afterAll(() => t.close());

  const draft = (overrides: Record<string, unknown> = {}) => ({
    title: '三一发布电动挖掘机',
    summary: '新品续航提升。',
    body: '<p>三一重工今天发布了新款电动挖掘机。</p>',
    column,
    source: 'CCM 编辑部',
    ...overrides,
  });

  async function create(as: User = users.contributor, overrides: Record<string, unknown> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/articles',
      ...as,
      payload: draft(overrides),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; revision: number; status: string; body: string; approved: boolean };
  }

  const step = (as: User, id: number, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/console/articles/${id}/steps`, ...as, payload });

  const edit = (as: User, id: number, revision: number, overrides: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/console/articles/${id}`,
      ...as,
      payload: { ...draft(overrides), revision },
    });

  /** An article brought to `state` by the right people. */
  async function inState(state: 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'archived') {
    const a = await create();
    if (state === 'draft') return a;
    expect((await step(users.contributor, a.id, { action: 'submit' })).statusCode).toBe(200);
    if (state === 'in_review') return a;
    expect((await step(users.reviewer, a.id, { action: 'approve', revision: a.revision })).statusCode).toBe(
      200,
    );
    if (state === 'approved') return a;
    if (state === 'scheduled') {
      const at = new Date(clock.now().getTime() + 3_600_000).toISOString();
      expect((await step(users.editor, a.id, { action: 'schedule', publishAt: at })).statusCode).toBe(200);
      return a;
    }
    expect((await step(users.editor, a.id, { action: 'publish' })).statusCode).toBe(200);
    if (state === 'published') return a;
    expect((await step(users.editor, a.id, { action: 'archive' })).statusCode).toBe(200);
    return a;
  }

  describe('the role matrix', () => {
    const from: Record<WorkflowAction, Parameters<typeof inState>[0]> = {
      submit: 'draft',
      approve: 'in_review',
      reject: 'in_review',
      schedule: 'approved',
      unschedule: 'scheduled',
      publish: 'approved',
      archive: 'published',
      reopen: 'archived',
    };
    const roles: StaffRole[] = ['admin', 'editor', 'reviewer', 'contributor', 'support', 'compliance'];
    for (const action of Object.keys(from) as WorkflowAction[]) {
      for (const role of roles) {
        const allowed = role === 'admin' || STEPS[action].roles.includes(role);
        it(`${allowed ? 'lets' : 'refuses'} a ${role} ${action} an article`, async () => {
          const a = await inState(from[action]);
          const res = await step(users[role], a.id, {
            action,
            revision: a.revision,
            note: action === 'reject' ? '数据来源请补充' : undefined,
            publishAt:
              action === 'schedule' ? new Date(clock.now().getTime() + 60_000).toISOString() : undefined,
          });
          if (allowed) {
            expect(res.statusCode, res.body).toBe(200);
            expect(res.json().status).toBe(STEPS[action].to);
          } else {
            expect(res.statusCode).toBe(403);
            expect(res.json().code).toBe('auth.forbidden');
          }
        });
      }
    }

    it('lets only writers create and edit, and nobody outside editorial read the editor view', async () => {
      for (const role of ['reviewer', 'support', 'compliance'] as const) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/console/articles',
          ...users[role],
          payload: draft(),
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
      }
      const a = await create(users.editor);
      expect((await edit(users.reviewer, a.id, a.revision, { title: '改' })).json().code).toBe(
        'auth.forbidden',
      );
      const read = await t.app.inject({ url: `/api/v1/console/articles/${a.id}`, ...users.support });
      expect(read.statusCode).toBe(403);
      const anonymous = await t.app.inject({ url: `/api/v1/console/articles/${a.id}` });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('transitions', () => {
    it('refuses steps the state does not allow with article.invalid_transition', async () => {
      const d = await inState('draft');
      for (const payload of [
        { action: 'approve', revision: d.revision },
        { action: 'publish' },
        { action: 'schedule', publishAt: new Date(clock.now().getTime() + 60_000).toISOString() },
        { action: 'reopen' },
      ]) {
        const res = await step(users.admin, d.id, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(409);
        expect(res.json().code).toBe('article.invalid_transition');
      }
      const p = await inState('published');
      const again = await step(users.contributor, p.id, { action: 'submit' });
      expect(again.json().code).toBe('article.invalid_transition');
    });

    it('does not let an editor publish or schedule an article no reviewer approved', async () => {
      const a = await inState('in_review');
      const res = await step(users.editor, a.id, { action: 'publish' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'article.invalid_transition' });
      expect(res.json().detail).toContain('approved');
    });

    it('needs a new review after an edit made following approval', async () => {
      const a = await inState('approved');
      const approved = await t.app.inject({ url: `/api/v1/console/articles/${a.id}`, ...users.editor });
      expect(approved.json().approved).toBe(true);
      const edited = await edit(users.contributor, a.id, a.revision, { title: '改过的标题' });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ status: 'in_review', approved: false, revision: a.revision + 1 });
      expect((await step(users.editor, a.id, { action: 'publish' })).json().code).toBe(
        'article.invalid_transition',
      );
      // Approving the old revision is refused: the reviewer has not read the new one.
      const stale = await step(users.reviewer, a.id, { action: 'approve', revision: a.revision });
      expect(stale.json().code).toBe('article.edit_conflict');
      expect(
        (await step(users.reviewer, a.id, { action: 'approve', revision: a.revision + 1 })).statusCode,
      ).toBe(200);
      expect((await step(users.editor, a.id, { action: 'publish' })).json().status).toBe('published');
    });

    it('sends a scheduled article back to review when it is edited', async () => {
      const a = await inState('scheduled');
      const edited = await edit(users.editor, a.id, a.revision, { summary: '新的摘要' });
      expect(edited.json()).toMatchObject({ status: 'in_review', approved: false, publishAt: null });
    });

    it('sends a rejected article back to draft with the reviewer’s note', async () => {
      const a = await inState('in_review');
      const noNote = await step(users.reviewer, a.id, { action: 'reject' });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().errors[0].path).toBe('body.note');
      const res = await step(users.reviewer, a.id, { action: 'reject', note: '请补充数据来源' });
      expect(res.json()).toMatchObject({ status: 'draft', reviewNote: '请补充数据来源' });
    });

    it('refuses a schedule in the past and a missing approval revision with field errors', async () => {
      const a = await inState('approved');
      const past = await step(users.editor, a.id, {
        action: 'schedule',
        publishAt: new Date(clock.now().getTime() - 1000).toISOString(),
      });
      expect(past.statusCode).toBe(400);
      expect(past.json().errors[0].path).toBe('body.publishAt');
      const b = await inState('in_review');
      const res = await step(users.reviewer, b.id, { action: 'approve' });
      expect(res.json().errors[0].path).toBe('body.revision');
      const unknown = await step(users.editor, b.id, { action: 'teleport' });
      expect(unknown.statusCode).toBe(400);
    });

    it('refuses editing a published article, and answers 404 for an unknown one', async () => {
      const a = await inState('published');
      const res = await edit(users.editor, a.id, a.revision + 1);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('article.not_editable');
      expect((await edit(users.editor, 987654321, 1)).json().code).toBe('article.not_found');
      expect((await step(users.editor, 987654321, { action: 'archive' })).statusCode).toBe(404);
    });
  });

  describe('editing', () => {
    it('refuses a save made from an older revision with article.edit_conflict', async () => {
      const a = await create();
      const first = await edit(users.contributor, a.id, a.revision, { title: '甲的修改' });
      expect(first.statusCode).toBe(200);
      const second = await edit(users.editor, a.id, a.revision, { title: '乙的修改' });
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ code: 'article.edit_conflict', currentRevision: a.revision + 1 });
      const now = await t.app.inject({ url: `/api/v1/console/articles/${a.id}`, ...users.editor });
      expect(now.json().title).toBe('甲的修改');
    });

    it('lets only one of two simultaneous saves of the same revision through', async () => {
      const a = await create();
      const results = await Promise.all([
        edit(users.contributor, a.id, a.revision, { title: '并发一' }),
        edit(users.editor, a.id, a.revision, { title: '并发二' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    });

    it('checks links, sizes and columns with field errors', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/articles',
        ...users.editor,
        payload: draft({ title: '', tags: ['no-such-tag'] }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation.failed');
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/articles',
        ...users.editor,
        payload: draft({ column: 'no-such-column', tags: ['no-such-tag'], authorId: 99999999 }),
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'body.column',
        'body.tags',
        'body.authorId',
      ]);
      const cover = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/articles',
        ...users.editor,
        payload: draft({ coverUrl: 'javascript:alert(1)' }),
      });
      expect(cover.json().errors[0].path).toBe('body.coverUrl');
    });

    it('stores tags, brands and the author, and sanitises the body on every save', async () => {
      const tag = await makeTag(t.database.db);
      const brand = await makeBrand(t.database.db);
      const a = await create(users.editor, {
        tags: [tag],
        brands: [brand],
        authorId: users.contributor.id,
        body: '<p onclick="x()">正文<script>alert(1)</script></p>',
      });
      expect(a).toMatchObject({ tags: [tag], brands: [brand], author: { id: users.contributor.id } });
      expect(a.body).toBe('<p>正文</p>');
      const res = await edit(users.editor, a.id, a.revision, {
        body: '<p>改<img src=x onerror=alert(1)></p>',
      });
      expect(res.json().body).toBe('<p>改</p>');
    });
  });

  describe('revision history', () => {
    it('records who saved what and shows a word-level diff of the text between revisions', async () => {
      const a = await create(users.contributor, {
        title: '三一重工发布新款电动挖掘机',
        body: '<p>续航八小时。</p><p>售价未公布。</p>',
      });
      const r2 = await edit(users.editor, a.id, 1, {
        title: '三一重工发布全新电动挖掘机',
        body: '<p>续航十小时。</p><p>售价未公布。</p>',
      });
      expect(r2.json().revision).toBe(2);
      // Saving the same content again makes no revision.
      expect(
        (
          await edit(users.editor, a.id, 2, {
            title: '三一重工发布全新电动挖掘机',
            body: '<p>续航十小时。</p><p>售价未公布。</p>',
          })
        ).json().revision,
      ).toBe(2);
      await step(users.contributor, a.id, { action: 'submit' });

      const history = (
        await t.app.inject({ url: `/api/v1/console/articles/${a.id}/history`, ...users.reviewer })
      ).json();
      expect(history.revisions).toHaveLength(2);
      expect(history.revisions[0]).toMatchObject({ revision: 1, by: { id: users.contributor.id } });
      expect(history.revisions[1]).toMatchObject({
        revision: 2,
        by: { id: users.editor.id },
        changed: ['title', 'body'],
      });
      expect(history.events).toEqual([
        expect.objectContaining({
          action: 'submit',
          revision: 2,
          by: expect.objectContaining({ id: users.contributor.id }),
        }),
      ]);

      const diff = (
        await t.app.inject({ url: `/api/v1/console/articles/${a.id}/diff?from=1&to=2`, ...users.reviewer })
      ).json();
      expect(diff.fields.map((f: { field: string }) => f.field)).toEqual(['title', 'body']);
      const body = diff.fields[1];
      expect(body.before).toBe('续航八小时。\n售价未公布。');
      expect(
        body.parts.filter((p: { removed: boolean }) => p.removed).map((p: { value: string }) => p.value),
      ).toEqual(['八']);
      expect(
        body.parts.filter((p: { added: boolean }) => p.added).map((p: { value: string }) => p.value),
      ).toEqual(['十']);
      const title = diff.fields[0];
      expect(title.parts.find((p: { removed: boolean }) => p.removed).value).toBe('新款');

      const missing = await t.app.inject({
        url: `/api/v1/console/articles/${a.id}/diff?from=1&to=9`,
        ...users.reviewer,
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('article.revision_not_found');
    });
  });

  describe('model series', () => {
    const series = (id: number) =>
      t.app.inject({ url: `/api/v1/console/articles/${id}`, ...users.editor }).then((r) => r.json().series);

    it('links the model series saved with an article and shows them on it once published', async () => {
      const brand = await makeBrand(t.database.db);
      const [s1, s2] = [await makeSeries(t.database.db, brand), await makeSeries(t.database.db, brand)];
      const term = `Zeppelinor${s1.slice(-6).replace(/[^a-z]/gi, 'x')}`;
      const renamed = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/console/taxonomy/series/${s1}`,
        ...users.editor,
        payload: { nameEn: term },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const a = await create(users.contributor, { brands: [brand], series: [s2, s1, s2] });
      expect(a).toMatchObject({ brands: [brand], series: [s1, s2].sort() });
      expect(await series(a.id)).toEqual([s1, s2].sort());
      // Not public while it is a draft.
      expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).statusCode).toBe(404);
      await step(users.contributor, a.id, { action: 'submit' });
      await step(users.reviewer, a.id, { action: 'approve', revision: a.revision });
      expect((await step(users.editor, a.id, { action: 'publish' })).json().status).toBe('published');
      const pub = await t.app.inject({ url: `/api/v1/articles/${a.id}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.json().series).toEqual([s1, s2].sort());
      const feed = await t.app.inject({ url: `/api/v1/feed?series=${s1}&sort=new` });
      expect(feed.json().items.map((i: { id: number }) => i.id)).toContain(a.id);
      // The search index has the series linked by the save: its name finds the article.
      const found = await t.app.inject({ url: `/api/v1/search?q=${term.toLowerCase()}` });
      expect(found.json().items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    });

    it('refuses unknown series with a field error at body.series and stores nothing', async () => {
      const known = await makeSeries(t.database.db);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/articles',
        ...users.editor,
        payload: draft({ series: [known, 'no-such-series'] }),
      });
      expect(created.statusCode).toBe(400);
      expect(created.json()).toMatchObject({
        code: 'validation.failed',
        errors: [{ path: 'body.series', message: expect.stringContaining('no-such-series') }],
      });
      const a = await create(users.editor, { series: [known] });
      const edited = await edit(users.editor, a.id, a.revision, { series: ['no-such-series'] });
      expect(edited.statusCode).toBe(400);
      expect(edited.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.series']);
      const now = await t.app.inject({ url: `/api/v1/console/articles/${a.id}`, ...users.editor });
      expect(now.json()).toMatchObject({ revision: a.revision, series: [known] });
      const tooMany = await edit(users.editor, a.id, a.revision, {
        series: Array.from({ length: 21 }, (_, i) => `s-${i}`),
      });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().code).toBe('validation.failed');
    });

    it('records a series change as a revision that lists it, and needs review again after approval', async () => {
      const brand = await makeBrand(t.database.db);
      const [s1, s2] = [await makeSeries(t.database.db, brand), await makeSeries(t.database.db, brand)];
      const a = await create(users.contributor, { brands: [brand], series: [s1] });
      await step(users.contributor, a.id, { action: 'submit' });
      await step(users.reviewer, a.id, { action: 'approve', revision: a.revision });
      // The same series again is no change: no revision, approval kept.
      const same = await edit(users.contributor, a.id, a.revision, { brands: [brand], series: [s1] });
      expect(same.json()).toMatchObject({ revision: a.revision, approved: true });

      const changed = await edit(users.contributor, a.id, a.revision, { brands: [brand], series: [s2] });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        revision: a.revision + 1,
        status: 'in_review',
        approved: false,
        series: [s2],
      });
      expect((await step(users.editor, a.id, { action: 'publish' })).json().code).toBe(
        'article.invalid_transition',
      );
      const history = (
        await t.app.inject({ url: `/api/v1/console/articles/${a.id}/history`, ...users.reviewer })
      ).json();
      expect(history.revisions.at(-1)).toMatchObject({ revision: a.revision + 1, changed: ['seriesIds'] });
      const diff = (
        await t.app.inject({
          url: `/api/v1/console/articles/${a.id}/diff?from=${a.revision}&to=${a.revision + 1}`,
          ...users.reviewer,
        })
      ).json();
      expect(diff.fields).toMatchObject([{ field: 'seriesIds', before: s1, after: s2 }]);
    });

    it('reads a revision saved before series were edited as having none', async () => {
      const a = await create(users.contributor);
      // A snapshot as stored before the editor knew series: no seriesIds key at all.
      await t.database.db
        .update(articleRevisions)
        .set({ snapshot: sql`${articleRevisions.snapshot} - 'seriesIds'` })
        .where(eq(articleRevisions.articleId, a.id));
      const s = await makeSeries(t.database.db);
      const r2 = await edit(users.contributor, a.id, a.revision, { title: '新标题' });
      expect(
        (await edit(users.contributor, a.id, r2.json().revision, { title: '新标题', series: [s] }))
          .statusCode,
      ).toBe(200);
      const diff = (
        await t.app.inject({ url: `/api/v1/console/articles/${a.id}/diff?from=1&to=2`, ...users.reviewer })
      ).json();
      expect(diff.fields.map((f: { field: string }) => f.field)).toEqual(['title']);
      const diff23 = (
        await t.app.inject({ url: `/api/v1/console/articles/${a.id}/diff?from=1&to=3`, ...users.reviewer })
      ).json();
      expect(diff23.fields).toMatchObject([{ field: 'title' }, { field: 'seriesIds', before: '', after: s }]);
    });
  });

  describe('scheduled publishing', () => {
    it('publishes at the scheduled time, not before, exactly once, and the article gets its public page', async () => {
      const a = await inState('approved');
      const at = new Date(clock.now().getTime() + 10 * 60_000);
      const scheduled = await step(users.editor, a.id, { action: 'schedule', publishAt: at.toISOString() });
      expect(scheduled.json()).toMatchObject({ status: 'scheduled', publishAt: at.toISOString() });
      const publicRead = () => t.app.inject({ url: `/api/v1/articles/${a.id}` });
      expect((await publicRead()).statusCode).toBe(404);

      clock.advance(10 * 60_000 - 1);
      expect(await publishDue(t.app.ctx)).not.toContain(a.id);
      expect((await publicRead()).statusCode).toBe(404);

      clock.advance(1);
      // Two instances' passes at the same moment: the article is published by one of them.
      const [one, two] = await Promise.all([publishDue(t.app.ctx), publishDue(t.app.ctx)]);
      expect([...one, ...two].filter((id) => id === a.id)).toEqual([a.id]);
      expect(await publishDue(t.app.ctx)).toEqual([]);

      const live = await publicRead();
      expect(live.statusCode).toBe(200);
      expect(live.json().publishedAt).toBe(at.toISOString());
      const feed = (await t.app.inject({ url: `/api/v1/feed?column=${column}&limit=50` })).json();
      expect(feed.items.map((i: { id: number }) => i.id)).toContain(a.id);

      const history = (
        await t.app.inject({ url: `/api/v1/console/articles/${a.id}/history`, ...users.editor })
      ).json();
      expect(history.events.filter((e: { action: string }) => e.action === 'publish')).toEqual([
        expect.objectContaining({ by: null }),
      ]);
    });

    it('is run by the server’s periodic job', async () => {
      const a = await inState('approved');
      const at = new Date(clock.now().getTime() + 60_000);
      await step(users.editor, a.id, { action: 'schedule', publishAt: at.toISOString() });
      startPublishJob(t.app, { intervalMs: 25 });
      try {
        await new Promise((r) => setTimeout(r, 100));
        expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).statusCode).toBe(404);
        clock.advance(60_000);
        await expect
          .poll(async () => (await t.app.inject({ url: `/api/v1/articles/${a.id}` })).statusCode, {
            timeout: 5_000,
          })
          .toBe(200);
      } finally {
        await stopPublishJob(t.app.ctx);
      }
    });

    it('hides an article from readers at once when it is archived', async () => {
      const a = await inState('published');
      expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).statusCode).toBe(200);
      await step(users.editor, a.id, { action: 'archive' });
      expect((await t.app.inject({ url: `/api/v1/articles/${a.id}` })).statusCode).toBe(404);
    });
  });

  describe('pictures', () => {
    const upload = (file: Buffer, kind = 'body', as: User = users.contributor) => {
      const body = multipartBody(file, { filename: 'photo.jpg' });
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/console/article-images?kind=${kind}`,
        cookies: as.cookies,
        payload: body.payload,
        headers: { ...as.headers, ...body.headers },
      });
    };

    it('re-encodes an upload to a WebP no wider than 1600 px, served from /media/articles', async () => {
      const big = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#c33' } })
        .withMetadata({ exif: { IFD0: { Copyright: 'secret-camera' } } })
        .jpeg()
        .toBuffer();
      const res = await upload(big);
      expect(res.statusCode, res.body).toBe(201);
      const { url, width, height } = res.json();
      expect(url).toMatch(/^\/media\/articles\/[0-9a-f]{32}\.webp$/);
      expect([width, height]).toEqual([1600, 800]);
      const served = await t.app.inject({ url });
      expect(served.headers['content-type']).toBe('image/webp');
      const meta = await sharp(served.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      const cover = await upload(big, 'cover');
      expect([cover.json().width, cover.json().height]).toEqual([1200, 675]);
      // The sanitiser keeps our own picture addresses.
      expect(sanitizeBody(`<p><img src="${url}" alt="图"></p>`)).toBe(`<p><img src="${url}" alt="图" /></p>`);
    });

    it('refuses a file that is not a picture, a damaged one and one that is too large', async () => {
      const text = await upload(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      );
      expect(text.statusCode).toBe(415);
      expect(text.json().code).toBe('article.image_type');
      const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      const cut = await upload(png.subarray(0, 60));
      expect(cut.statusCode).toBe(415);
      expect(cut.json().code).toBe('article.image_unreadable');
      const huge = Buffer.concat([png, Buffer.alloc(t.config.CCM_ARTICLE_IMAGE_MAX_BYTES + 1)]);
      const tooLarge = await upload(huge);
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.json().code).toBe('request.body_too_large');
      expect((await upload(png, 'body', users.reviewer)).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/media/articles/../../etc/passwd' })).statusCode).toBe(404);
    });
  });
});

describe('a newly published article’s shareable page', () => {
  let t: TestApp;
  beforeAll(async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'ccm-web-'));
    const shell =
      '<!doctype html><html><head><title>CCM</title><meta name="description" content="x"></head><body></body></html>';
    writeFileSync(path.join(dist, 'index.html'), shell);
    writeFileSync(path.join(dist, 'console.html'), shell);
    t = await createTestApp({ webDistDir: dist });
  });
  afterAll(() => t.close());

  it('carries the article’s link-preview tags once it is published, and not before', async () => {
    const column = await makeColumn(t.database.db);
    const [writer, reviewer, editor] = await Promise.all(
      (['contributor', 'reviewer', 'editor'] as const).map((r) => consoleUser(t.app, r)),
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/articles',
      ...writer,
      payload: { title: '徐工发布新款起重机', summary: '最大起重量提升。', body: '<p>正文</p>', column },
    });
    const { id, revision } = created.json();
    const page = () => t.app.inject({ url: `/articles/${id}` });
    expect((await page()).statusCode).toBe(404);
    const steps: [User, Record<string, unknown>][] = [
      [writer, { action: 'submit' }],
      [reviewer, { action: 'approve', revision }],
      [editor, { action: 'publish' }],
    ];
    for (const [as, payload] of steps) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/console/articles/${id}/steps`,
        ...as,
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const html = (await page()).body;
    expect(html).toContain('<meta property="og:title" content="徐工发布新款起重机">');
    expect(html).toContain('<meta property="og:description" content="最大起重量提升。">');
    expect(html).toContain(`/articles/${id}">`);
  });
});
