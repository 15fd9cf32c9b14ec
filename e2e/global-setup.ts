/**
 * One server for the whole run; tests find it through environment variables (see fixtures.ts).
 * A local server plays WeChat's website login, so third-party sign-in runs end to end: its one
 * user, new each run, "scans the QR code" at once.
 */
import { randomBytes } from 'node:crypto';
import { startFakeWeChat } from '../src/modules/identity/testing/fake-wechat.ts';
import { startServer } from './server.ts';

export default async function globalSetup() {
  const wechat = await startFakeWeChat();
  wechat.nextUser = { openid: `o-e2e-${randomBytes(6).toString('hex')}`, nickname: '徐工小李' };
  const server = await startServer({
    CCM_WECHAT_APP_ID: wechat.appId,
    CCM_WECHAT_APP_SECRET: wechat.appSecret,
    CCM_WECHAT_BASE_URL: wechat.url,
    CCM_WECHAT_API_BASE_URL: wechat.url,
    // Scheduled articles go live within a second of their time (editorial.spec.ts).
    CCM_PUBLISH_INTERVAL_MS: '1000',
    // Every test registers its own members from 127.0.0.1: more codes than one address gets a day.
    CCM_SMS_IP_PER_DAY: '1000',
  }).catch(async (err) => {
    await wechat.close();
    throw err;
  });
  process.env.CCM_E2E_BASE_URL = server.baseURL;
  process.env.CCM_E2E_ACCOUNTS = JSON.stringify(server.accounts);
  process.env.CCM_E2E_DATA_DIR = server.dataDir;
  process.env.CCM_E2E_WECHAT_URL = wechat.url;
  // Playwright runs the returned function as the global teardown.
  return async () => {
    await server.stop();
    await wechat.close();
  };
}
