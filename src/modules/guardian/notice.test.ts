/** The guardian notice: everything requirement 13 lists, in both languages, versioned and hashed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { GUARDIAN_NOTICE_VERSION, guardianNotices } from './notice.ts';

describe('GET /guardian/notice', () => {
  let t: TestApp;
  const officer = '王芳（儿童个人信息保护专员）';
  const contact = 'children@ccm.example.cn';
  beforeAll(async () => {
    t = await createTestApp({
      env: { CCM_CHILD_DATA_OFFICER: officer, CCM_PRIVACY_CONTACT: contact, CCM_STORAGE_REGION: 'CN-SH' },
    });
  });
  afterAll(() => t.close());

  it('serves the notice without an account, in Chinese by default and in English', async () => {
    const zh = await t.app.inject({ url: '/api/v1/guardian/notice' });
    expect(zh.statusCode).toBe(200);
    const en = (await t.app.inject({ url: '/api/v1/guardian/notice?lang=en' })).json();
    const notice = zh.json();
    expect(notice).toMatchObject({ version: GUARDIAN_NOTICE_VERSION, lang: 'zh-CN', storageRegion: 'CN-SH' });
    expect(notice.officer).toEqual({ name: officer, contact });
    expect(notice.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(en).toMatchObject({ version: notice.version, contentHash: notice.contentHash, lang: 'en' });
    expect(notice.title).toContain('儿童个人信息');
    expect(en.title).toContain('Children’s personal information');
    expect((await t.app.inject({ url: '/api/v1/guardian/notice?lang=fr' })).statusCode).toBe(400);
  });

  it('covers what requirement 13 asks a guardian be told, with the configured people and region', async () => {
    const phrases = {
      'zh-CN': ['加密', '安全事件', '通知您', '拒绝', '撤回', '更正', '注销', '投诉', '中华人民共和国境内'],
      en: [
        'encrypted',
        'security incident',
        'tell you',
        'refuse',
        'withdraw',
        'correct',
        'cancel',
        'complain',
      ],
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      const n = (await t.app.inject({ url: `/api/v1/guardian/notice?lang=${lang}` })).json();
      expect(n.sections.map((s: { id: string }) => s.id)).toEqual([
        'collection', // purpose, method, scope
        'storage', // place and period
        'security', // measures, incident notice to guardians
        'refusal', // consequences, withdrawal
        'rights', // correct or delete
        'contact', // complaint channel, the person responsible
        'service-end',
      ]);
      const text = JSON.stringify(n);
      for (const needle of [officer, contact, 'CN-SH']) expect(text, `${lang}: ${needle}`).toContain(needle);
      for (const phrase of phrases[lang]) expect(text, `${lang}: ${phrase}`).toContain(phrase);
      for (const s of n.sections) expect(s.body.length, `${lang}: ${s.id}`).toBeGreaterThan(20);
    }
  });

  it('hashes the words shown: another officer, another hash; the same settings, the same hash', () => {
    const base = { officer: '甲', contact: 'a@ccm.example.cn', region: 'CN-BJ' };
    const one = guardianNotices(base)['zh-CN'].contentHash;
    expect(guardianNotices({ ...base }).en.contentHash).toBe(one);
    expect(guardianNotices({ ...base, officer: '乙' })['zh-CN'].contentHash).not.toBe(one);
  });

  it('has sensible defaults for the officer and the contact', () => {
    const config = loadConfig({});
    expect(config.CCM_CHILD_DATA_OFFICER).toBe('儿童个人信息保护负责人（合规部）');
    expect(config.CCM_PRIVACY_CONTACT).toBe('privacy@ccm.example.cn');
  });
});
