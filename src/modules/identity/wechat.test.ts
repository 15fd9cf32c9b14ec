/** WeChat website login against a local server playing WeChat's endpoints. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { testPhone } from '../../testing/outbox.ts';
import { avatarDir } from '../profile/avatar.ts';
import {
  APP_ORIGIN,
  callbackOf,
  completeLink,
  cookiesOf,
  linkIdOf,
  smsCode,
  startSignIn,
} from './testing/app-flow.ts';
import { type FakeWeChat, startFakeWeChat } from './testing/fake-wechat.ts';

describe('WeChat login', () => {
  let wx: FakeWeChat;
  let t: TestApp;

  beforeAll(async () => {
    wx = await startFakeWeChat();
    t = await createTestApp({
      env: {
        CCM_PUBLIC_URL: APP_ORIGIN,
        CCM_WECHAT_APP_ID: wx.appId,
        CCM_WECHAT_APP_SECRET: wx.appSecret,
        CCM_WECHAT_BASE_URL: wx.url,
        CCM_WECHAT_API_BASE_URL: wx.url,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await wx?.close();
  });

  /** /start, WeChat's QR page (confirmed at once), back to the app's callback. */
  async function signIn(cookies?: Record<string, string>) {
    const started = await startSignIn(t, 'wechat');
    const qr = await fetch(started.location, { redirect: 'manual' });
    expect(qr.status).toBe(302);
    const back = new URL(qr.headers.get('location')!);
    expect(back.href.startsWith(callbackOf('wechat'))).toBe(true);
    return t.app.inject({ url: `${back.pathname}${back.search}`, cookies: cookies ?? started.cookies });
  }

  it('is offered, and asks WeChat for snsapi_login with the app id and the callback', async () => {
    expect((await t.app.inject({ url: '/api/v1/auth/providers' })).json()).toEqual([
      { id: 'wechat', name: '微信' },
    ]);
    const started = await startSignIn(t, 'wechat');
    const url = new URL(started.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${wx.url}/connect/qrconnect`);
    expect(url.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      appid: wx.appId,
      redirect_uri: callbackOf('wechat'),
      response_type: 'code',
      scope: 'snsapi_login',
    });
    expect(url.searchParams.get('state')?.length).toBeGreaterThan(20);
  });

  it('binds a phone, imports nickname and avatar (WeChat offers no email), then signs in directly', async () => {
    wx.nextUser = { openid: `o-${Date.now()}`, unionid: `u-${Date.now()}`, nickname: '徐工小李' };
    const linkId = linkIdOf(await signIn());
    const pending = await t.app.inject({ url: `/api/v1/auth/oauth/pending/${linkId}` });
    expect(pending.json().offered).toEqual([
      { field: 'nickname', preview: '徐***' },
      { field: 'avatar', preview: null },
    ]);
    const phone = testPhone();
    const done = await completeLink(t, linkId, {
      phone: phone.national,
      code: await smsCode(t, phone, 'bind-phone'),
      import: { nickname: true, avatar: true, email: true },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().imported).toEqual({ nickname: 'imported', avatar: 'imported', email: 'not-offered' });
    expect(done.json().user.nickname).toBe('徐工小李');
    const avatar = (done.json().user.avatarUrl as string).replace(/^\/media\/avatars\//, '');
    expect(existsSync(path.join(avatarDir(t.config.dataDir), avatar))).toBe(true);

    const again = await signIn();
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('/articles/42');
    const me = await t.app.inject({
      url: '/api/v1/me',
      cookies: { ccm_session: cookiesOf(again).ccm_session },
    });
    expect(me.json().id).toBe(done.json().user.id);
  });

  it('refuses a code WeChat does not accept, and says so when WeChat is down', async () => {
    wx.nextUser = { openid: `o-bad-${Date.now()}`, nickname: '某人' };
    const started = await startSignIn(t, 'wechat');
    const state = new URL(started.location).searchParams.get('state')!;
    const refused = await t.app.inject({
      url: `/api/v1/auth/oauth/wechat/callback?code=made-up&state=${state}`,
      cookies: started.cookies,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('oauth.token_invalid');

    wx.failing = true;
    try {
      const down = await signIn();
      expect(down.statusCode).toBe(502);
      expect(down.json().code).toBe('oauth.provider_unavailable');
    } finally {
      wx.failing = false;
    }
  });

  it('refuses a callback without a state of this browser', async () => {
    wx.nextUser = { openid: `o-x-${Date.now()}`, nickname: '某人' };
    const res = await signIn({});
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('oauth.state_invalid');
  });
});
