/**
 * The report to the regulator (PIPL art. 57): the incident as recorded and what CCM did about it,
 * as a Markdown document a compliance officer downloads, reviews and files. No personal data: the
 * people told are counted, not listed.
 */
import { CATEGORIES } from '../../platform/personal-data.ts';
import type { incidents } from './tables.ts';

type Incident = typeof incidents.$inferSelect;
type Lang = 'zh-CN' | 'en';

const HEADINGS = {
  'zh-CN': {
    title: '个人信息安全事件报告',
    reference: '事件编号',
    occurred: '发生时间',
    discovered: '发现时间',
    categories: '涉及的个人信息种类',
    cause: '事件原因',
    harm: '可能造成的危害',
    measures: '已采取的补救措施',
    advice: '个人可以采取的减轻危害的措施',
    contact: '联系方式',
    notice: '通知情况',
    audience: { all: '全体用户', listed: '经调查确定的受影响用户', announcement: '无法逐一通知，已发布公告' },
    told: (m: number, s: number, g: number) =>
      `已在App内通知 ${m} 名用户，其中 ${s} 名同时收到短信，${g} 名儿童用户的监护人收到短信。`,
    notYet: '尚未通知。',
    unknown: '未知',
    generated: '生成时间',
  },
  en: {
    title: 'Personal information security incident report',
    reference: 'Reference',
    occurred: 'Occurred',
    discovered: 'Discovered',
    categories: 'Categories of personal information involved',
    cause: 'Cause',
    harm: 'Possible harm',
    measures: 'Measures taken',
    advice: 'What people can do themselves',
    contact: 'Contact',
    notice: 'Notice given',
    audience: {
      all: 'all members',
      listed: 'the members the investigation found affected',
      announcement: 'individual notice impossible: announcement published',
    },
    told: (m: number, s: number, g: number) =>
      `${m} members told in the app; ${s} of them also by SMS; ${g} guardians of child members by SMS.`,
    notYet: 'Not yet notified.',
    unknown: 'unknown',
    generated: 'Generated',
  },
} as const;

export function regulatorReport(incident: Incident, lang: Lang, now: Date): string {
  const h = HEADINGS[lang];
  const pick = (b: { zh: string; en: string }) => (lang === 'zh-CN' ? b.zh : b.en);
  const when = (d: Date | null) => (d ? d.toISOString() : h.unknown);
  const cats = incident.categories
    .map((c) => CATEGORIES[c as keyof typeof CATEGORIES])
    .filter(Boolean)
    .map((l) => `- ${pick(l)}`);
  const notice = incident.notifiedAt
    ? `${h.audience[incident.audience]} (${incident.notifiedAt.toISOString()}). ${
        incident.audience === 'announcement'
          ? ''
          : h.told(incident.notifiedMembers, incident.notifiedBySms, incident.notifiedGuardians)
      }`
    : h.notYet;
  return [
    `# ${h.title}: ${pick(incident.title)}`,
    '',
    `- ${h.reference}: ${incident.reference}`,
    `- ${h.occurred}: ${when(incident.occurredAt)}`,
    `- ${h.discovered}: ${when(incident.discoveredAt)}`,
    `- ${h.generated}: ${now.toISOString()}`,
    '',
    `## ${h.categories}`,
    ...cats,
    '',
    `## ${h.cause}`,
    pick(incident.cause),
    '',
    `## ${h.harm}`,
    pick(incident.possibleHarm),
    '',
    `## ${h.measures}`,
    pick(incident.measures),
    '',
    `## ${h.advice}`,
    pick(incident.advice),
    '',
    `## ${h.notice}`,
    notice.trim(),
    '',
    `## ${h.contact}`,
    incident.contact,
    '',
  ].join('\n');
}
