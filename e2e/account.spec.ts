/**
 * Member accounts on a phone: registration (consent first, SMS code from the outbox, tags), sign
 * out and in, the profile with a cropped avatar and a refused non-image, signed-in devices, My
 * Column on the home page, password reset and SMS sign-in, and the privacy page.
 */
import type { Page } from '@playwright/test';
import type { Column, Tag } from '../web/src/member/content.ts';
import { expect, getJson, PHONE, screenshot, test } from './fixtures.ts';
import { codeFor, csrfOf, newPassword, newPhone, registerByApi, sentCount, testPng } from './members.ts';

test.use(PHONE);

interface Collection {
  policyVersion: string;
  storageRegion: string;
  rows: { category: { id: string; label: { zh: string; en: string } } }[];
}

const mePage = (page: Page) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' });
const passwordInput = (page: Page, label = '密码') => page.getByLabel(label, { exact: true });

test('registration asks for consent first, takes an SMS code from the outbox and the tags; sign-out, then sign-in with the password', async ({
  page,
  request,
  server,
}) => {
  const policy = await getJson<Collection>(request, '/api/v1/privacy/collection');
  const tags = await getJson<Tag[]>(request, '/api/v1/tags?lang=zh-CN');
  const providers = await getJson<unknown[]>(request, '/api/v1/auth/providers');
  const phone = newPhone();
  const password = newPassword();

  await page.goto('/');
  await mePage(page).click();
  await page.getByRole('link', { name: '注册' }).click();
  await expect(page).toHaveURL('/register');

  // 1. Consent, before anything personal is asked for.
  await expect(page.getByRole('heading', { name: '隐私政策摘要' })).toBeVisible();
  await expect(page.getByTestId('policy-version')).toHaveText(`版本 ${policy.policyVersion}`);
  await expect(page.getByLabel('手机号', { exact: true })).toHaveCount(0);
  const switches = page.getByRole('switch');
  expect(await switches.count()).toBeGreaterThanOrEqual(3);
  for (const s of await switches.all()) await expect(s).not.toBeChecked();
  await page.getByRole('button', { name: '同意并继续' }).click();
  await expect(page.getByText('请阅读并勾选同意隐私政策后再继续。')).toBeVisible();
  await page.getByRole('checkbox', { name: /我已阅读并同意《隐私政策》/ }).check();
  await page.getByRole('switch', { name: /个性化推荐/ }).check();
  await screenshot(page, 'member-register-consent', true);
  await page.getByRole('button', { name: '同意并继续' }).click();

  // 2. Phone, SMS code, password (with its rules shown).
  await expect(page.getByText('至少 8 个字符，不能使用常见密码')).toBeVisible();
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByTestId('sms-message')).toHaveText('验证码已发送，请查看短信。');
  await expect(page.getByRole('button', { name: /秒后重新获取/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^5\d 秒后重新获取$/ })).toBeVisible();
  await page.getByLabel('验证码', { exact: true }).fill(await codeFor(server.dataDir, phone, 'register'));
  // Long enough for the form, but common: the server refuses it, and says so under the field.
  await passwordInput(page).fill('password123');
  await screenshot(page, 'member-register-account');
  await page.getByRole('button', { name: '下一步' }).click();

  // 3. Tags: one subdivision of the first class, and all of the second class.
  const classes = tags.filter((t) => t.parentId === null);
  const first = tags.find((t) => t.parentId === classes[0].id)!;
  const secondAll = tags.filter((t) => t.parentId === classes[1].id);
  await page.getByRole('button', { name: first.name, exact: true }).click();
  await page.getByRole('button', { name: `全选：${classes[1].name}` }).click();
  await expect(page.getByRole('button', { name: first.name, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await screenshot(page, 'member-register-tags');
  await page.getByRole('button', { name: /完成注册/ }).click();

  await expect(page.getByTestId('field-error')).toHaveText('这个密码太常见或太简单，请换一个。');
  await passwordInput(page).fill(password);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('button', { name: first.name, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: /完成注册/ }).click();

  // Signed in, on the home page.
  await expect(page).toHaveURL('/');
  const chosen = await getJson<{ tags: string[] }>(page.request, '/api/v1/me/tags');
  expect(chosen.tags.sort()).toEqual([first.id, ...secondAll.map((t) => t.id)].sort());

  await mePage(page).click();
  const card = page.getByTestId('profile-card');
  await expect(card.getByTestId('masked-phone')).toContainText(
    `${phone.national.slice(0, 3)}****${phone.national.slice(7)}`,
  );
  await expect(card.getByTestId('ip-region')).toHaveText(/^IP属地：/);
  await expect(card.getByTestId('nickname')).toHaveText('未设置昵称');
  await expect(page.getByTestId('minor-notice')).toHaveCount(0);
  await screenshot(page, 'member-me-signed-in', true);

  // Sign out: 我的 offers sign-in and registration again.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('link', { name: '注册' })).toBeVisible();
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);

  await page.getByRole('link', { name: '登录', exact: true }).click();
  await expect(page.getByRole('tab', { name: '密码登录' })).toHaveAttribute('aria-selected', 'true');
  if (providers.length === 0)
    await expect(page.getByRole('heading', { name: '其他登录方式' })).toHaveCount(0);
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await passwordInput(page).fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('notice-error')).toHaveText('手机号或密码不正确。');
  await screenshot(page, 'member-login-refused');
  await passwordInput(page).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL('/me');
  await expect(page.getByTestId('masked-phone')).toBeVisible();
});

test('the profile: nickname and bio are saved, an avatar is cropped from a real picture; a renamed text file is refused and the old avatar stays', async ({
  page,
  server,
}) => {
  await registerByApi(page.request, server.dataDir);
  await page.goto('/me');
  await page.getByRole('link', { name: /编辑资料/ }).click();
  await expect(page).toHaveURL('/me/profile');

  const nickname = `机手${Math.random().toString(36).slice(2, 8)}`;
  const bio = '十年挖掘机操作经验，现在做二手设备评估。';
  await page.getByLabel('昵称').fill(nickname);
  await page.getByLabel('男', { exact: true }).check();
  await page.getByLabel('个人简介').fill(bio);
  await expect(page.getByTestId('bio-counter')).toHaveText(`${[...bio].length}/200`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('notice-ok')).toHaveText('资料已保存。');

  // A real PNG, cropped on a canvas (dragged and zoomed), uploaded as a JPEG.
  await page.getByTestId('avatar-album').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: testPng(),
  });
  const cropper = page.getByTestId('avatar-cropper');
  await expect(cropper).toBeVisible();
  const canvas = cropper.getByRole('img', { name: /头像裁剪预览/ });
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 40, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await cropper.getByRole('slider', { name: '缩放' }).fill('1.5');
  await screenshot(page, 'member-avatar-crop');
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/avatar'));
  await cropper.getByRole('button', { name: '使用此头像' }).click();
  expect((await uploaded).status()).toBe(200);
  await expect(page.getByTestId('avatar-message')).toHaveText('头像已更新。');
  const avatar = page.getByTestId('avatar');
  await expect(avatar).toHaveAttribute('src', /^\/media\//);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const src = await avatar.getAttribute('src');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'member-profile');

  // Not a picture, whatever its name says: refused, and the old avatar stays.
  const text = Buffer.from('这不是图片，只是改了扩展名的文本文件。\n');
  await page
    .getByTestId('avatar-album')
    .setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: text });
  await expect(page.getByTestId('avatar-message')).toHaveText(
    '只能上传 JPEG、PNG 或 WebP 格式的图片，头像未更改。',
  );
  await expect(avatar).toHaveAttribute('src', src!);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'member-avatar-refused');

  // The server refuses it too (415), if a client sends it anyway; the avatar is unchanged.
  const refused = await page.request.put('/api/v1/me/avatar', {
    headers: { 'x-csrf-token': await csrfOf(page.request) },
    multipart: { file: { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: text } },
  });
  expect(refused.status()).toBe(415);
  expect((await refused.json()).code).toBe('profile.avatar_type');

  await page.goto('/me');
  const card = page.getByTestId('profile-card');
  await expect(card.getByTestId('nickname')).toHaveText(nickname);
  await expect(card.getByText(bio)).toBeVisible();
  await expect(card.getByTestId('avatar')).toHaveAttribute('src', src!);
  await screenshot(page, 'member-me-profile');
});

test('a second browser signs in; the first sees both devices and signs the second out; the password change warns about other devices', async ({
  page,
  browser,
  server,
}) => {
  const { phone, password } = await registerByApi(page.request, server.dataDir);

  const other = await browser.newContext({ ...PHONE, baseURL: server.baseURL, locale: 'zh-CN' });
  const second = await other.newPage();
  await second.goto('/login');
  await second.getByLabel('手机号', { exact: true }).fill(phone.national);
  await passwordInput(second).fill(password);
  await second.getByRole('button', { name: '登录', exact: true }).click();
  await expect(second).toHaveURL('/');
  await second.goto('/me');
  await expect(second.getByTestId('masked-phone')).toBeVisible();

  await page.goto('/me');
  await page.getByRole('link', { name: '登录设备' }).click();
  const devices = page.getByTestId('device');
  await expect(devices).toHaveCount(2);
  const mine = devices.filter({ hasText: '本机' });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Chrome');
  await expect(mine).toContainText('IP属地：');
  await expect(mine.getByRole('button', { name: '退出该设备' })).toHaveCount(0);
  await screenshot(page, 'member-sessions');

  await devices.filter({ hasNotText: '本机' }).getByRole('button', { name: '退出该设备' }).click();
  await expect(page.getByTestId('notice-ok')).toHaveText('已退出该设备。');
  await expect(devices).toHaveCount(1);

  // The second browser is signed out: on its next load it is a reader without an account.
  await second.reload();
  await expect(second.getByRole('link', { name: '注册' })).toBeVisible();
  await expect(second.getByTestId('masked-phone')).toHaveCount(0);
  await screenshot(second, 'member-me-signed-out-elsewhere');
  await other.close();

  // Changing the password says that other devices will be signed out.
  await page.goto('/me/password');
  await expect(page.getByText('修改密码后，其他设备将退出登录')).toBeVisible();
  const next = newPassword();
  await passwordInput(page, '当前密码').fill(password);
  await passwordInput(page, '新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByTestId('notice-ok')).toHaveText('密码已修改，其他设备已退出登录。');
  await screenshot(page, 'member-password');
  const old = await page.request.post('/api/v1/auth/login', { data: { phone: phone.national, password } });
  expect(old.status()).toBe(401);
});

test('My Column: the home tabs follow the columns and the order the member chose', async ({
  page,
  request,
  server,
}) => {
  const columns = await getJson<Column[]>(request, '/api/v1/columns?lang=zh-CN');
  await registerByApi(page.request, server.dataDir);
  const [a, b] = [columns[2], columns[4]];

  await page.goto('/me');
  await page.getByRole('link', { name: /我的栏目/ }).click();
  const rows = page.getByTestId('column-row');
  await expect(rows).toHaveCount(columns.length);
  for (const c of columns)
    if (c.id !== a.id && c.id !== b.id) await page.getByLabel(c.name, { exact: true }).uncheck();
  // b above a: two steps up.
  await page.getByRole('button', { name: `上移：${b.name}` }).click();
  await page.getByRole('button', { name: `上移：${b.name}` }).click();
  await expect(rows.nth(2)).toContainText(b.name);
  await screenshot(page, 'member-columns', true);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('已保存');

  await page.getByRole('link', { name: '去首页看看' }).click();
  await expect(page).toHaveURL('/');
  const tabs = page.getByRole('tablist', { name: '栏目' }).getByRole('tab');
  // 关注 (what the member follows) comes after 全部 for every signed-in member.
  await expect(tabs).toHaveText(['全部', '关注', b.name, a.name]);
  await screenshot(page, 'member-home-my-columns');

  // After a reload too, and back to every column once signed out.
  await page.reload();
  await expect(tabs).toHaveText(['全部', '关注', b.name, a.name]);
  await mePage(page).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
  // Signed out: every column and no 关注 tab.
  await expect(tabs).toHaveCount(columns.length + 1);
  await expect(tabs.filter({ hasText: '关注' })).toHaveCount(0);
});

test('a forgotten password is reset with an SMS code; sign-in by SMS code; an expired third-party link leaves without an account', async ({
  page,
  server,
}) => {
  const { phone } = await registerByApi(page.request, server.dataDir);
  await page.context().clearCookies();

  await page.goto('/login');
  await page.getByRole('link', { name: '忘记密码' }).click();
  await expect(page).toHaveURL('/reset-password');
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page
    .getByLabel('验证码', { exact: true })
    .fill(await codeFor(server.dataDir, phone, 'reset-password'));
  const next = newPassword();
  await passwordInput(page, '新密码').fill(next);
  await screenshot(page, 'member-reset-password');
  await page.getByRole('button', { name: '重置密码' }).click();
  await expect(page).toHaveURL('/login?reset=1');
  await expect(page.getByTestId('notice-ok')).toHaveText('密码已重置，请使用新密码登录。');

  await page.getByRole('tab', { name: '验证码登录' }).click();
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码', { exact: true }).fill('000000');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('field-error')).toHaveText('验证码不正确，请检查或重新获取。');
  await page.getByLabel('验证码', { exact: true }).fill(await codeFor(server.dataDir, phone, 'login'));
  await screenshot(page, 'member-login-code');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL('/');
  expect((await page.request.get('/api/v1/me')).status()).toBe(200);

  await page.context().clearCookies();
  await page.goto('/bind-phone?link=expired-or-unknown-link-000000');
  await expect(page.getByRole('heading', { name: '登录请求已失效' })).toBeVisible();
  await page.getByRole('button', { name: '不绑定，返回浏览' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByTestId('feed-card').first()).toBeVisible();
});

test('the privacy page is two taps from home: version, storage region and what is collected, grouped, in both languages', async ({
  page,
  request,
}) => {
  const collection = await getJson<Collection>(request, '/api/v1/privacy/collection');
  const families = new Set(collection.rows.map((r) => r.category.id.split('.')[0]));

  await page.goto('/');
  await mePage(page).click(); // 1
  await page.getByRole('link', { name: /隐私与个人信息/ }).click(); // 2
  await expect(page).toHaveURL('/privacy');
  await expect(page.getByRole('heading', { level: 1, name: '隐私与个人信息' })).toBeVisible();
  await expect(page.getByTestId('privacy-version')).toHaveText(collection.policyVersion);
  await expect(page.getByTestId('privacy-region')).toContainText(collection.storageRegion);
  await expect(page.getByTestId('collect-table')).toHaveCount(families.size);
  await expect(page.getByRole('rowheader', { name: '手机号码' })).toBeVisible();
  await screenshot(page, 'member-privacy');
  await page.getByRole('heading', { name: '我们收集哪些信息' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -60));
  await screenshot(page, 'member-privacy-collect');
  await page.getByRole('heading', { name: '处理目的与你的选择' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'member-privacy-purposes');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Privacy and personal information' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What we collect' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Mobile phone number' })).toBeVisible();
  await screenshot(page, 'member-privacy-en');
  await page.getByRole('button', { name: '中文', exact: true }).click();

  // From registration's consent step, and back to it with the tick kept.
  await page.goto('/register');
  await page.getByRole('checkbox', { name: /我已阅读并同意《隐私政策》/ }).check();
  await page.getByRole('link', { name: '阅读完整的隐私与个人信息说明' }).click();
  await expect(page).toHaveURL('/privacy');
  await page.getByRole('link', { name: '返回' }).click();
  await expect(page).toHaveURL('/register');
  await expect(page.getByRole('checkbox', { name: /我已阅读并同意《隐私政策》/ })).toBeChecked();
});

test('WeChat sign-in: the provider button, then the bind-phone page with each offered field unticked, consent first, phone and code; signed in with only what was ticked', async ({
  page,
  server,
}) => {
  const phone = newPhone();
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '其他登录方式' })).toBeVisible();
  await page.getByRole('link', { name: '微信登录' }).click();

  // WeChat (a local stand-in) confirms at once and sends the browser back: the phone is missing.
  await expect(page).toHaveURL(/\/bind-phone\?link=/);
  await expect(page.getByText('你正在使用微信登录')).toBeVisible();
  const nickname = page.getByRole('checkbox', { name: /导入昵称/ });
  const avatar = page.getByRole('checkbox', { name: /导入头像/ });
  await expect(nickname).not.toBeChecked();
  await expect(avatar).not.toBeChecked();
  await expect(page.getByText('徐***')).toBeVisible();
  for (const s of await page.getByRole('switch').all()) await expect(s).not.toBeChecked();

  // No code is sent before the consent.
  await page.getByLabel('手机号', { exact: true }).fill(phone.national);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByText('请阅读并勾选同意隐私政策后再继续。')).toBeVisible();
  expect(await sentCount(server.dataDir, phone, 'bind-phone')).toBe(0);

  await nickname.check();
  await page.getByRole('checkbox', { name: /我已阅读并同意《隐私政策》/ }).check();
  await page.getByRole('checkbox', { name: /同意：第三方账号登录/ }).check();
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码', { exact: true }).fill(await codeFor(server.dataDir, phone, 'bind-phone'));
  await screenshot(page, 'member-bind-phone', true);
  await page.getByRole('button', { name: '绑定并登录' }).click();

  await expect(page).toHaveURL('/');
  await mePage(page).click();
  const card = page.getByTestId('profile-card');
  await expect(card.getByTestId('nickname')).toHaveText('徐工小李');
  await expect(card.getByTestId('masked-phone')).toContainText(phone.national.slice(7));
  // The avatar was offered but not ticked: none was imported.
  await expect(card.getByTestId('avatar-empty')).toBeVisible();

  // Without a configured provider there is no third-party button at all.
  await page.route('**/api/v1/auth/providers', (route) => route.fulfill({ json: [] }));
  await page.goto('/login');
  await expect(page.getByRole('tab', { name: '密码登录' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '其他登录方式' })).toHaveCount(0);
});
