import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, uid } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { articles } from '../content/tables.ts';
import { staffOf } from '../members/testing.ts';
import { consoleUser } from '../profile/testing.ts';
import { postComment } from './service.ts';
import { commentModerationLog, commentRecounts, comments } from './tables.ts';
import { commenter, readAnonymously } from './testing.ts';
import { normaliseComment } from './text.ts';

describe('comments under articles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const countOf = async (id: number) =>
    (await t.database.db.select().from(articles).where(eq(articles.id, id)))[0].commentCount;

  it('shows a signed-in member’s comment to everyone with nickname and province, never the phone', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app, '广东');
    const res = await m.post(a.id, '  三一的新款挖掘机油耗怎么样？  ');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ body: '三一的新款挖掘机油耗怎么样？', status: 'visible', mine: true });
    const list = await readAnonymously(t.app, a.id);
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    expect(item).toMatchObject({
      body: '三一的新款挖掘机油耗怎么样？',
      author: { nickname: m.nickname, ipRegion: '广东' },
      mine: false,
      replyCount: 0,
      replies: [],
    });
    expect(list.body).not.toContain(m.phone.slice(3));
    expect(Object.keys(item.author).sort()).toEqual(['avatarUrl', 'ipRegion', 'nickname']);
    expect(list.body).not.toMatch(/userId|phone/);
    expect(await countOf(a.id)).toBe(1);
  });

  it('attaches a reply to a reply to the top-level comment and says whom it answers', async () => {
    const a = await makeArticle(t.database.db);
    const [x, y, z] = [await commenter(t.app), await commenter(t.app), await commenter(t.app)];
    const top = (await x.post(a.id, '顶层评论')).json();
    const r1 = (await y.post(a.id, '第一条回复', top.id)).json();
    const r2 = await z.post(a.id, '回复回复', r1.id);
    expect(r2.statusCode).toBe(201);
    expect(r2.json()).toMatchObject({ threadId: top.id, replyTo: { id: r1.id, nickname: y.nickname } });
    const [thread] = (await readAnonymously(t.app, a.id)).json().items;
    expect(thread.id).toBe(top.id);
    expect(thread.replyCount).toBe(2);
    expect(thread.replies.map((r: { body: string }) => r.body)).toEqual(['第一条回复', '回复回复']);
    const more = await t.app.inject({ url: `/api/v1/comments/${top.id}/replies` });
    expect(more.json().items).toHaveLength(2);
    expect(await countOf(a.id)).toBe(3);
    const stray = await x.post(a.id, '回复不存在的评论', 999_999_999);
    expect(stray.statusCode).toBe(404);
    expect(stray.json().code).toBe('comment.not_found');
  });

  it('pages top-level comments newest first with an opaque cursor and refuses a forged one', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    const { COMMENTS_PAGE } = await import('./service.ts');
    for (let i = 0; i < COMMENTS_PAGE + 2; i++) {
      await postComment(t.app.ctx, { userId: m.userId, articleId: a.id, body: `第${i}条`, ipRegion: null });
      if (i % 4 === 3) await t.database.db.delete((await import('../security/tables.ts')).rateLimits);
    }
    const first = (await m.list(a.id)).json();
    expect(first.items).toHaveLength(COMMENTS_PAGE);
    expect(first.items[0].body).toBe(`第${COMMENTS_PAGE + 1}条`);
    const second = (await m.list(a.id, first.nextCursor)).json();
    expect(second.items.map((c: { body: string }) => c.body)).toEqual(['第1条', '第0条']);
    expect(second.nextCursor).toBeNull();
    for (const bad of ['not-a-cursor', Buffer.from('c1; drop').toString('base64url'), 'x'.repeat(101)]) {
      const res = await m.list(a.id, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation.failed');
    }
  });

  it('refuses empty, over-long and malformed bodies with 400 validation.failed', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    for (const body of ['', '   \n\t ', '\u0000\u0007', '长'.repeat(501)]) {
      const res = await m.post(a.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors[0].path).toBe('body.body');
    }
    expect((await m.post(a.id, '长'.repeat(500))).statusCode).toBe(201);
    const missing = await m.call('POST', `/articles/${a.id}/comments`, {});
    expect(missing.statusCode).toBe(400);
    const notText = await m.call('POST', `/articles/${a.id}/comments`, { body: 42 });
    expect(notText.json().code).toBe('validation.failed');
  });

  it('normalises text: NFC, control and direction characters become spaces, blank runs shrink', () => {
    expect(normaliseComment('e\u0301')).toBe('\u00e9');
    expect(normaliseComment('a\u0000b\u202ec')).toBe('a b c');
    expect(normaliseComment('一\r\n\r\n\r\n\r\n二')).toBe('一\n\n二');
  });

  it('answers 404 article.not_found for an unpublished or missing article', async () => {
    const m = await commenter(t.app);
    const draft = await makeArticle(t.database.db, { status: 'draft', publishedAt: null });
    for (const id of [draft.id, 987_654_321]) {
      const res = await m.post(id, '你好');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('article.not_found');
      expect((await readAnonymously(t.app, id)).json().code).toBe('article.not_found');
    }
    expect((await t.app.inject({ url: '/api/v1/articles/abc/comments' })).statusCode).toBe(400);
  });

  it('refuses anyone signed out, and tells an account without a phone to bind one (403)', async () => {
    const a = await makeArticle(t.database.db);
    const anon = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.id}/comments`,
      payload: { body: '匿名' },
    });
    expect(anon.statusCode).toBe(401);
    const m = await commenter(t.app);
    await t.database.db
      .update(users)
      .set({ phoneCiphertext: null, phoneIndex: null })
      .where(eq(users.id, m.userId));
    const res = await m.post(a.id, '没有手机号');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('comment.phone_required');
    expect(await countOf(a.id)).toBe(0);
  });

  it('does not let a suspended member comment', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    const support = await consoleUser(t.app, 'support');
    const suspended = await t.app.inject({
      method: 'POST',
      url: `/api/v1/console/members/${m.userId}/suspend`,
      ...support,
      payload: { reason: '发布广告，暂停使用' },
    });
    expect(suspended.statusCode).toBe(200);
    expect((await m.post(a.id, '被暂停了')).statusCode).toBe(401); // every session ended
    // Even a request already past the guard is refused by the service.
    await expect(
      postComment(t.app.ctx, { userId: m.userId, articleId: a.id, body: '竞态', ipRegion: null }),
    ).rejects.toMatchObject({ code: 'comment.member_inactive' });
  });

  it('rate-limits comments per member with 429 and Retry-After', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    for (let i = 0; i < 5; i++) expect((await m.post(a.id, `第${i}条`)).statusCode).toBe(201);
    const sixth = await m.post(a.id, '第六条');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('rate_limited');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('deletes own comments: a thread keeps a placeholder without text, a lone comment goes', async () => {
    const a = await makeArticle(t.database.db);
    const [x, y] = [await commenter(t.app), await commenter(t.app)];
    const top = (await x.post(a.id, '要删除的顶层评论')).json();
    await y.post(a.id, '别人的回复', top.id);
    const lone = (await x.post(a.id, '单独的评论')).json();
    expect(await countOf(a.id)).toBe(3);

    const other = await y.remove(top.id);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('auth.forbidden');
    expect((await x.remove(top.id)).statusCode).toBe(204);
    expect((await x.remove(lone.id)).statusCode).toBe(204);
    expect((await x.remove(lone.id)).statusCode).toBe(404);

    const list = await readAnonymously(t.app, a.id);
    expect(list.body).not.toContain('要删除的顶层评论');
    const items = list.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: top.id,
      status: 'deleted',
      body: null,
      author: null,
      replyCount: 1,
    });
    expect(items[0].replies[0].body).toBe('别人的回复');
    const [row] = await t.database.db.select().from(comments).where(eq(comments.id, top.id));
    expect(row).toMatchObject({ body: null, userId: null, ipRegion: null, status: 'deleted' });
    expect(await countOf(a.id)).toBe(1);
    // The last reply gone, the placeholder goes too.
    const [reply] = items[0].replies;
    expect((await y.remove(reply.id)).statusCode).toBe(204);
    expect(await t.database.db.select().from(comments).where(eq(comments.articleId, a.id))).toEqual([]);
    expect(await countOf(a.id)).toBe(0);
  });

  it('recounts an article whose visible comments went without the service (an erasure)', async () => {
    const a = await makeArticle(t.database.db);
    const [x, y] = [await commenter(t.app), await commenter(t.app)];
    const top = (await x.post(a.id, '将被注销者的评论')).json();
    await y.post(a.id, '留下的回复', top.id);
    await x.post(a.id, '另一条');
    const own = (await y.post(a.id, '自己删除的')).json();
    expect((await y.remove(own.id)).statusCode).toBe(204);
    expect(await t.database.db.select().from(commentRecounts)).toEqual([]);
    expect(await countOf(a.id)).toBe(3);
    // What the erasure engine does for a cancelled member: delete the rows by subject.
    await t.database.db.delete(comments).where(eq(comments.userId, x.userId));
    const list = (await readAnonymously(t.app, a.id)).json();
    expect(list.items).toMatchObject([{ status: 'deleted', replies: [{ body: '留下的回复' }] }]);
    expect(await countOf(a.id)).toBe(1);
    expect(await t.database.db.select().from(commentRecounts)).toEqual([]);
  });

  it('likes once per member, as a toggle', async () => {
    const a = await makeArticle(t.database.db);
    const [x, y] = [await commenter(t.app), await commenter(t.app)];
    const c = (await x.post(a.id, '点赞我')).json();
    expect((await y.like(c.id)).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await y.like(c.id)).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await x.like(c.id)).json()).toEqual({ liked: true, likeCount: 2 });
    const seen = (await y.list(a.id)).json().items[0];
    expect(seen).toMatchObject({ likeCount: 2, likedByMe: true });
    expect((await y.unlike(c.id)).json()).toEqual({ liked: false, likeCount: 1 });
    expect((await y.like(123_456_789)).statusCode).toBe(404);
  });

  it('takes one report per member per comment, with a reason from the list', async () => {
    const a = await makeArticle(t.database.db);
    const [x, y] = [await commenter(t.app), await commenter(t.app)];
    const c = (await x.post(a.id, '可疑广告')).json();
    const bad = await y.report(c.id, { reason: 'not-a-reason' });
    expect(bad.statusCode).toBe(400);
    const ok = await y.report(c.id, { reason: 'spam', note: '  加微信 ' });
    expect(ok.statusCode).toBe(201);
    const again = await y.report(c.id, { reason: 'abuse' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('comment.already_reported');
  });

  it('lists my comments newest first with the article title, and lets me delete them', async () => {
    const [a, b] = [await makeArticle(t.database.db), await makeArticle(t.database.db)];
    const m = await commenter(t.app);
    await m.post(a.id, '在A下');
    const second = (await m.post(b.id, '在B下')).json();
    const mine = (await m.mine()).json();
    expect(mine.items.map((c: { body: string; articleTitle: string }) => [c.body, c.articleTitle])).toEqual([
      ['在B下', b.title],
      ['在A下', a.title],
    ]);
    expect((await m.remove(second.id)).statusCode).toBe(204);
    expect((await m.mine()).json().items).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/v1/me/comments' })).statusCode).toBe(401);
    expect((await m.mine('bogus')).statusCode).toBe(400);
  });

  it('returns XSS payloads as inert text, exactly as typed', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[点我](javascript:alert(1)) <a href="javascript:alert(1)">x</a>',
      '"><svg onload=alert(1)>',
    ];
    for (const p of payloads) expect((await m.post(a.id, p)).statusCode).toBe(201);
    const res = await readAnonymously(t.app, a.id);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const bodies = res.json().items.map((c: { body: string }) => c.body);
    expect(bodies.sort()).toEqual([...payloads].sort());
  });
});

describe('moderation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const countOf = async (id: number) =>
    (await t.database.db.select().from(articles).where(eq(articles.id, id)))[0].commentCount;
  const act = (staff: Awaited<ReturnType<typeof consoleUser>>, id: number, action: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/console/comments/${id}/${action}`, ...staff, payload });

  it('holds comments of a pre-moderated column until a moderator approves them', async () => {
    const editor = await consoleUser(t.app, 'editor');
    const a = await makeArticle(t.database.db);
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/console/comment-settings/columns/${a.columnId}`,
      ...editor,
      payload: { mode: 'pre' },
    });
    expect(set.statusCode).toBe(200);
    const modes = await t.app.inject({
      url: '/api/v1/console/comment-settings/columns',
      cookies: editor.cookies,
    });
    expect(modes.json().find((c: { columnId: string }) => c.columnId === a.columnId).mode).toBe('pre');

    const m = await commenter(t.app);
    const posted = await m.post(a.id, '先审后发');
    expect(posted.json()).toMatchObject({ status: 'pending' });
    expect((await readAnonymously(t.app, a.id)).json().items).toEqual([]);
    expect((await m.list(a.id)).json().items[0]).toMatchObject({ status: 'pending', mine: true });
    expect(await countOf(a.id)).toBe(0);

    const reviewer = await consoleUser(t.app, 'reviewer');
    const queue = await t.app.inject({
      url: '/api/v1/console/comments?queue=pending',
      cookies: reviewer.cookies,
    });
    const held = queue.json().items.find((c: { id: number }) => c.id === posted.json().id);
    expect(held).toMatchObject({ heldFor: 'pre-moderation', body: '先审后发', articleTitle: a.title });
    expect((await act(reviewer, posted.json().id, 'approve', {})).json()).toMatchObject({
      status: 'visible',
    });
    expect((await readAnonymously(t.app, a.id)).json().items).toHaveLength(1);
    expect(await countOf(a.id)).toBe(1);
  });

  it('publishes at once in a post-moderated column, the default', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    expect((await m.post(a.id, '先发后审')).json().status).toBe('visible');
  });

  it('holds a comment with a banned comment word for review and tells the member it waits', async () => {
    const editor = await consoleUser(t.app, 'editor');
    const word = `违禁${uid().slice(0, 4)}`;
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/console/banned-words',
      ...editor,
      payload: { word, kind: 'comment' },
    });
    expect(added.statusCode).toBe(201);
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    const res = await m.post(a.id, `这里有 ${word.toUpperCase()} 的内容`);
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
    expect(res.body).not.toContain('banned');
    expect((await readAnonymously(t.app, a.id)).json().items).toEqual([]);
    const [row] = await t.database.db.select().from(comments).where(eq(comments.id, res.json().id));
    expect(row.heldFor).toBe('banned-word');
    // A nickname word does not hold comments.
    expect((await m.post(a.id, '正常的评论')).json().status).toBe('visible');
  });

  it('hides and restores with a required reason, logging who, what, why and when', async () => {
    const a = await makeArticle(t.database.db);
    const [x, y] = [await commenter(t.app), await commenter(t.app)];
    const c = (await x.post(a.id, '被举报的评论')).json();
    await y.report(c.id, { reason: 'abuse' });
    const reviewer = await consoleUser(t.app, 'reviewer');
    const reported = await t.app.inject({
      url: '/api/v1/console/comments?queue=reported',
      cookies: reviewer.cookies,
    });
    expect(reported.json().items.find((i: { id: number }) => i.id === c.id).reports).toEqual([
      { reason: 'abuse', note: null },
    ]);

    const noReason = await act(reviewer, c.id, 'hide', {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('validation.failed');
    expect((await act(reviewer, c.id, 'hide', { reason: '人身攻击' })).json().status).toBe('hidden');
    expect(await countOf(a.id)).toBe(0);
    expect((await readAnonymously(t.app, a.id)).json().items).toEqual([]);
    expect((await x.list(a.id)).json().items[0]).toMatchObject({
      id: c.id,
      status: 'hidden',
      body: '被举报的评论',
    });
    expect((await x.mine()).json().items[0].status).toBe('hidden');
    // Closed reports leave the reported queue.
    const after = await t.app.inject({
      url: '/api/v1/console/comments?queue=reported',
      cookies: reviewer.cookies,
    });
    expect(after.json().items.some((i: { id: number }) => i.id === c.id)).toBe(false);
    expect((await act(reviewer, c.id, 'hide', { reason: '再次隐藏' })).statusCode).toBe(409);

    expect((await act(reviewer, c.id, 'restore', { reason: '复核后恢复' })).json().status).toBe('visible');
    expect(await countOf(a.id)).toBe(1);
    expect((await readAnonymously(t.app, a.id)).json().items).toHaveLength(1);

    const log = await t.app.inject({
      url: `/api/v1/console/comment-moderation-log?commentId=${c.id}`,
      cookies: reviewer.cookies,
    });
    expect(
      log
        .json()
        .items.map((e: { action: string; reason: string; staffId: number }) => [
          e.action,
          e.reason,
          e.staffId,
        ]),
    ).toEqual([
      ['restore', '复核后恢复', reviewer.id],
      ['hide', '人身攻击', reviewer.id],
    ]);
    const [entry] = await t.database.db
      .select()
      .from(commentModerationLog)
      .where(eq(commentModerationLog.commentId, c.id))
      .limit(1);
    expect(entry.authorId).toBe(x.userId);
    expect(entry.at).toBeInstanceOf(Date);
  });

  it('lets a moderator delete any comment with a reason, and no one without the role', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    const c = (await m.post(a.id, '要被删除')).json();
    for (const role of ['support', 'contributor', 'compliance'] as const) {
      const staff = await consoleUser(t.app, role);
      const queue = await t.app.inject({ url: '/api/v1/console/comments', cookies: staff.cookies });
      expect(queue.statusCode).toBe(403);
      expect(queue.json().code).toBe('auth.forbidden');
      expect((await act(staff, c.id, 'hide', { reason: '无权操作' })).statusCode).toBe(403);
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/comments/${c.id}?reason=无权`,
        ...staff,
      });
      expect(del.statusCode).toBe(403);
    }
    const reviewer = await consoleUser(t.app, 'reviewer');
    const setMode = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/console/comment-settings/columns/${a.columnId}`,
      ...reviewer,
      payload: { mode: 'pre' },
    });
    expect(setMode.statusCode).toBe(403); // the column mode is the editors' setting
    const noReason = await t.app.inject({ method: 'DELETE', url: `/api/v1/comments/${c.id}`, ...reviewer });
    expect(noReason.statusCode).toBe(400);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/comments/${c.id}?reason=${encodeURIComponent('违法信息')}`,
      ...reviewer,
    });
    expect(del.statusCode).toBe(204);
    expect(await countOf(a.id)).toBe(0);
    const [entry] = await t.database.db
      .select()
      .from(commentModerationLog)
      .where(eq(commentModerationLog.commentId, c.id));
    expect(entry).toMatchObject({ action: 'delete', reason: '违法信息', staffId: reviewer.id });
  });

  it('refuses to change or remove a moderation log entry', async () => {
    const [entry] = await t.database.db.select().from(commentModerationLog).limit(1);
    await expect(
      t.database.db
        .update(commentModerationLog)
        .set({ reason: '改写' })
        .where(eq(commentModerationLog.id, entry.id)),
    ).rejects.toThrow();
  });

  it('answers 404 for a setting of an unknown column', async () => {
    const editor = await consoleUser(t.app, 'editor');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/console/comment-settings/columns/no-such-column',
      ...editor,
      payload: { mode: 'pre' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('comment.column_unknown');
  });
});

describe('when the end of the service is announced', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('takes no new comments (409 service.ending) while reading goes on', async () => {
    const a = await makeArticle(t.database.db);
    const m = await commenter(t.app);
    expect((await m.post(a.id, '结束前的评论')).statusCode).toBe(201);
    const admin = await staffOf(t.app, 'admin');
    const endsAt = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const announced = await admin.post('/api/v1/console/service-end', {
      endsAt,
      message: { zh: 'CCM 将停止运营。', en: 'CCM is closing.' },
    });
    expect(announced.statusCode, announced.body).toBe(200);
    const refused = await m.post(a.id, '结束后的评论');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('service.ending');
    expect((await readAnonymously(t.app, a.id)).json().items).toHaveLength(1);
  });
});
