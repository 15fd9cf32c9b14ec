/**
 * A local HTTP server playing WeChat's website login: the QR-code page (answered at once, as if
 * the person had scanned and confirmed), /sns/oauth2/access_token and /sns/userinfo, with WeChat's
 * way of failing (HTTP 200 with errcode) and an avatar image.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { freePort } from '../../../testing/net.ts';
import { TINY_PNG } from './png.ts';

export interface WeChatUser {
  openid: string;
  unionid?: string;
  nickname: string;
}

export interface FakeWeChat {
  url: string;
  appId: string;
  appSecret: string;
  /** The user who "scans the QR code" next. */
  nextUser?: WeChatUser;
  /** Answer every API call with HTTP 500 (WeChat down). */
  failing: boolean;
  /** What the authorisation page received, for assertions. */
  lastAuthorize?: URLSearchParams;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, body: object) => {
  // WeChat serves JSON as text/plain.
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(JSON.stringify(body));
};

export async function startFakeWeChat(): Promise<FakeWeChat> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const codes = new Map<string, WeChatUser>();
  const tokens = new Map<string, WeChatUser>();
  const fake: FakeWeChat = {
    url,
    appId: 'wx-test-app',
    appSecret: 'wechat-test-secret',
    failing: false,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', url);
    const q = u.searchParams;
    if (u.pathname === '/avatar.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(TINY_PNG);
      return;
    }
    // Browser tests run the stand-in in another process: they choose the next user over HTTP.
    if (u.pathname === '/test/next-user' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        fake.nextUser = JSON.parse(body) as WeChatUser;
        res.writeHead(204).end();
      });
      return;
    }
    if (u.pathname === '/connect/qrconnect') {
      fake.lastAuthorize = q;
      const user = fake.nextUser;
      if (q.get('appid') !== fake.appId || !user) {
        res.writeHead(400).end('unknown appid');
        return;
      }
      const code = randomBytes(12).toString('hex');
      codes.set(code, user);
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (fake.failing) {
      res.writeHead(500).end('busy');
      return;
    }
    if (u.pathname === '/sns/oauth2/access_token') {
      const user = codes.get(q.get('code') ?? '');
      codes.delete(q.get('code') ?? ''); // a code works once
      if (q.get('appid') !== fake.appId || q.get('secret') !== fake.appSecret) {
        json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
      } else if (!user || q.get('grant_type') !== 'authorization_code') {
        json(res, { errcode: 40029, errmsg: 'invalid code' });
      } else {
        const accessToken = randomBytes(16).toString('hex');
        tokens.set(accessToken, user);
        json(res, {
          access_token: accessToken,
          expires_in: 7200,
          refresh_token: randomBytes(16).toString('hex'),
          openid: user.openid,
          scope: 'snsapi_login',
          ...(user.unionid ? { unionid: user.unionid } : {}),
        });
      }
      return;
    }
    if (u.pathname === '/sns/userinfo') {
      const user = tokens.get(q.get('access_token') ?? '');
      if (!user || user.openid !== q.get('openid')) {
        json(res, { errcode: 40001, errmsg: 'invalid credential' });
        return;
      }
      json(res, {
        openid: user.openid,
        nickname: user.nickname,
        sex: 0,
        province: '',
        city: '',
        country: 'CN',
        headimgurl: `${url}/avatar.png`,
        privilege: [],
        ...(user.unionid ? { unionid: user.unionid } : {}),
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return fake;
}
