/**
 * WeChat website login (open platform, scope snsapi_login). Not OpenID Connect: the code is
 * exchanged at /sns/oauth2/access_token for an access token and the openid (and the unionid when
 * the app belongs to an open-platform account), then /sns/userinfo gives the nickname and avatar.
 * WeChat supports neither PKCE nor a nonce; the state (checked by flows.ts) and the app secret,
 * sent only from this server, are what protect the exchange.
 *
 * The subject is the unionid when WeChat gives one (the same person across CCM's apps and its
 * website), otherwise the openid. WeChat offers no email.
 */
import { randomBytes } from 'node:crypto';
import { providerFailure, tokenInvalid, unavailable } from './failures.ts';
import { type AuthorizationStart, type CallbackInput, type IdentityProvider, text } from './types.ts';

export interface WeChatSettings {
  appId: string;
  appSecret: string;
  /** https://open.weixin.qq.com */
  baseUrl: string;
  /** https://api.weixin.qq.com */
  apiBaseUrl: string;
}

interface WeChatAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

export class WeChatProvider implements IdentityProvider {
  readonly id = 'wechat' as const;

  constructor(
    readonly name: string,
    private readonly settings: WeChatSettings,
  ) {}

  async begin(redirectUri: string): Promise<AuthorizationStart> {
    const state = randomBytes(32).toString('base64url');
    const url = new URL(join(this.settings.baseUrl, '/connect/qrconnect'));
    url.search = new URLSearchParams({
      appid: this.settings.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'snsapi_login',
      state,
    }).toString();
    url.hash = 'wechat_redirect';
    return { url, state, nonce: null, codeVerifier: null };
  }

  /** GETs a WeChat API; its errors come as 200 with `errcode` (40029 invalid code, 40163 used). */
  private async call(path: string, query: Record<string, string>): Promise<WeChatAnswer> {
    const url = new URL(join(this.settings.apiBaseUrl, path));
    url.search = new URLSearchParams(query).toString();
    let body: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
      body = await res.text();
      if (!res.ok) throw unavailable();
    } catch (err) {
      throw providerFailure(err);
    }
    let answer: WeChatAnswer;
    try {
      answer = JSON.parse(body) as WeChatAnswer; // served as text/plain at times
    } catch {
      throw tokenInvalid('The sign-in provider gave an unreadable answer. Start again.');
    }
    if (answer.errcode) {
      const refused = tokenInvalid();
      refused.cause = new Error(`WeChat ${path} refused with errcode ${answer.errcode}`);
      throw refused;
    }
    return answer;
  }

  async finish(callback: CallbackInput) {
    const code = callback.params.get('code');
    if (!code) throw tokenInvalid();
    const token = await this.call('/sns/oauth2/access_token', {
      appid: this.settings.appId,
      secret: this.settings.appSecret,
      code,
      grant_type: 'authorization_code',
    });
    const accessToken = text(token.access_token, 512);
    const openid = text(token.openid, 128);
    if (!accessToken || !openid) throw tokenInvalid();
    const info = await this.call('/sns/userinfo', { access_token: accessToken, openid, lang: 'zh_CN' });
    if (info.openid !== openid) throw tokenInvalid();
    return {
      subject: text(token.unionid, 128) ?? text(info.unionid, 128) ?? openid,
      nickname: text(info.nickname, 30),
      avatarUrl: text(info.headimgurl, 1000),
    };
  }
}
