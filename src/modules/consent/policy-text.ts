/**
 * CCM's own privacy policy (first version, written for CCM in both languages) and what the app
 * tells a member about each consent purpose. The "what we collect" section is not written here:
 * the marker {{collection}} is replaced at read time with a table generated from the column
 * annotations (service.ts renderPolicyBody), so the text cannot drift from the code.
 */
import { PURPOSES } from '../../platform/personal-data.ts';
import { CONSENT_PURPOSES } from '../accounts/policy-version.ts';

export const INITIAL_POLICY_VERSION = '2026-11-25';
export const COLLECTION_MARKER = '{{collection}}';

/** Purposes a member can hold consent for: the contract's ids, then the guardian's for children. */
export const LEDGER_PURPOSES = [...CONSENT_PURPOSES, 'child-data'] as const;
export type LedgerPurpose = (typeof LEDGER_PURPOSES)[number];

export interface PurposeInfo {
  id: LedgerPurpose;
  title: { zh: string; en: string };
  /** Needed to have an account at all: withdrawing it means cancelling the account. */
  required: boolean;
  /** Sensitive personal information (PIPL art. 28-29): a separate consent with its impact shown. */
  sensitive: boolean;
  /** Given by a guardian through the guardian flow, not by the member's switch. */
  guardianOnly: boolean;
  /** What switching it on or off changes, shown beside the switch and in the confirmation. */
  impact: { zh: string; en: string };
}

const IMPACT: Record<LedgerPurpose, { zh: string; en: string }> = {
  account: {
    zh: '用于创建和登录您的账号。这是使用会员功能的前提；如不再同意，请注销账号。',
    en: 'Used to create your account and sign you in. Member features depend on it; to withdraw it, cancel the account.',
  },
  personalization: {
    zh: '开启后，首页会根据您的浏览、收藏和关注推荐内容；关闭后，您看到的是按时间排列的通用内容，我们不再用您的行为计算兴趣。',
    en: 'When on, the home feed is ordered by what you read, save and follow; when off, you see the same time-ordered feed as everyone and we stop using your activity to compute interests.',
  },
  'personalized-ads': {
    zh: '开启后，广告会参考您关注的行业和机型；关闭后，广告数量不变，但不再与您的兴趣相关。',
    en: 'When on, ads take the industries and machines you follow into account; when off, you see as many ads, but none chosen by your interests.',
  },
  location: {
    zh: '精确位置属于敏感个人信息。开启后，我们在您使用“附近”功能时读取设备的精确位置，用于展示附近的经销商、展会和二手设备；不保存位置轨迹。关闭后，只能手动选择城市。',
    en: 'Precise location is sensitive personal information. When on, we read your device’s precise location while you use “nearby” features, to show dealers, fairs and used machines near you; no location history is kept. When off, you choose a city by hand.',
  },
  notifications: {
    zh: '开启后，我们会向您推送关注的栏目、回复和活动提醒；关闭后不再推送，站内消息仍可查看。',
    en: 'When on, we send you news from what you follow, replies and event reminders; when off, nothing is pushed and messages stay readable in the app.',
  },
  calendar: {
    zh: '开启后，您报名的会议可写入设备日历并提醒；关闭后不再写入，已写入的日程请在日历中自行删除。',
    en: 'When on, conferences you sign up for can be added to your device calendar with reminders; when off, nothing more is added (remove existing entries in your calendar).',
  },
  analytics: {
    zh: '开启后，我们统计功能的使用情况以改进产品（只用于汇总统计）；关闭后，您的使用不再计入统计。',
    en: 'When on, we count how features are used to improve the app (aggregate statistics only); when off, your use is left out of the statistics.',
  },
  'third-party-login': {
    zh: '开启后，可用微信或 Apple 账号登录，我们从对方获得您授权的标识和资料；关闭后只能用手机号登录，已绑定的第三方账号请在“第三方账号”中解绑。',
    en: 'When on, you can sign in with WeChat or Apple, and we receive the identifier and profile data you allow; when off, sign in with your phone only (unlink providers under “Linked accounts”).',
  },
  conference: {
    zh: '开启后，报名会议时我们把您填写的姓名、单位和联系方式提供给主办方；关闭后无法在线报名会议。',
    en: 'When on, signing up for a conference passes the name, company and contact you enter to its organiser; when off, you cannot sign up online.',
  },
  'child-data': {
    zh: '不满十四周岁儿童的个人信息属于敏感个人信息，须由监护人单独同意后方可处理；撤回后账号仅能匿名浏览。',
    en: 'The personal information of a child under 14 is sensitive and is processed only with a guardian’s separate consent; once withdrawn, the account can only browse anonymously.',
  },
};

export const PURPOSE_INFO: readonly PurposeInfo[] = LEDGER_PURPOSES.map((id) => ({
  id,
  title: PURPOSES[id],
  required: id === 'account',
  sensitive: id === 'location' || id === 'child-data',
  guardianOnly: id === 'child-data',
  impact: IMPACT[id],
}));

export const purposeInfo = (id: LedgerPurpose): PurposeInfo => PURPOSE_INFO.find((p) => p.id === id)!;

export const INITIAL_POLICY_ZH = `# CCM 隐私政策

本政策说明北京 CCM 工程机械资讯平台（以下简称“我们”）在您使用 CCM 应用、网站和开放接口时如何处理您的个人信息。我们只为下文写明的目的处理个人信息，并且只处理实现目的所需的最少信息。

## 一、我们收集哪些信息、为什么、保存多久

下表由系统根据代码中每个数据字段的标注自动生成，与实际保存的数据一致。标注为“敏感”的信息，我们会在收集前单独征得您的同意。

${COLLECTION_MARKER}

除“账号注册与登录”外，各项目的均可在“我的 → 隐私中心”中随时开启或关闭，关闭在您的下一次操作时生效，且不影响关闭前基于同意已进行的处理。

## 二、第三方

为提供短信验证、第三方登录等功能，我们会与少数第三方合作。我们在隐私中心的“第三方信息共享清单”中列出每一家第三方的名称、类型、目的、共享的信息、所在地区及其隐私政策链接。我们要求第三方仅为所列目的处理信息，并以合同约定其保护义务。我们不会出售您的个人信息。

## 三、存储地点与保存期限

您的个人信息存储在中华人民共和国境内的服务器上，我们不向境外提供个人信息。每类信息的保存期限见第一部分的表格；期限届满或您注销账号后，我们会删除或匿名化相应信息。法律法规要求留存的记录（例如同意记录）会在法定期限内单独保存，不再用于其他目的。

## 四、我们如何保护您的信息

手机号等信息加密存储，密码只保存不可逆的哈希值；工作人员按最小权限访问个人信息，每次查看都有记录；同意记录以哈希链方式保存，任何修改都可被发现。如发生个人信息安全事件，我们会按法律要求通知您并向主管部门报告。

## 五、您的权利

您有权查阅、复制、更正、补充、删除您的个人信息，有权撤回同意、要求解释处理规则、注销账号，以及将个人信息转移给您指定的其他处理者。您可在“我的 → 隐私中心”中自助下载数据、提交请求和注销账号；我们会在十五个工作日内答复您的请求。

## 六、儿童和未成年人

不满十四周岁的儿童需在监护人阅读本政策并单独同意后才能使用会员功能；监护人可通过隐私中心查阅、更正、删除儿童的信息或注销其账号。未满十八周岁的未成年人请在监护人陪同下阅读本政策。

## 七、本政策的变更

本政策更新时，我们会在应用内提示新版本及生效日期，历史版本可在隐私中心查看。若变更涉及处理目的等重大事项，我们会就变更的目的重新征求您的同意；在您再次同意之前，这些目的视为已撤回。

## 八、联系我们

如对本政策或个人信息处理有任何疑问、意见或投诉，请通过“我的 → 隐私中心 → 我的请求”联系我们的个人信息保护负责人，或发送邮件至 privacy@ccm.example.cn。我们会在十五个工作日内答复。
`;

export const INITIAL_POLICY_EN = `# CCM Privacy Policy

This policy explains how CCM, the Beijing construction-machinery information platform ("we"), handles your personal information when you use the CCM app, website and open API. We process personal information only for the purposes written below, and only as much of it as each purpose needs.

## 1. What we collect, why, and for how long

The table below is generated from the annotation of every data field in our code, so it matches what is actually stored. Information marked "sensitive" is collected only after your separate consent.

${COLLECTION_MARKER}

Apart from "Account registration and sign-in", every purpose can be switched on or off at any time under "Me → Privacy Center". Switching off takes effect on your next action and does not affect processing already carried out with your consent.

## 2. Third parties

A few third parties help us provide features such as SMS verification and third-party sign-in. The "Third parties" list in the Privacy Center names each of them with its kind, purpose, the information shared, its region and a link to its own privacy policy. They may process the information only for the listed purpose, under contracts that bind them to protect it. We never sell your personal information.

## 3. Where and how long we keep it

Your personal information is stored on servers in mainland China and is not provided abroad. The table in part 1 gives the retention period of each kind of information; when it ends, or when you cancel your account, we delete or anonymise it. Records the law requires us to keep (such as consent records) are kept apart for the legal period and used for nothing else.

## 4. How we protect it

Phone numbers and similar fields are stored encrypted and passwords only as one-way hashes; staff see personal information only as their role requires, and every view is logged; consent records are hash-chained so that any change is detected. If a security incident affects personal information, we tell you and report it to the authorities as the law requires.

## 5. Your rights

You may access, copy, correct, complete and delete your personal information, withdraw consent, ask us to explain how we process it, cancel your account, and have your information transferred to another processor you name. Under "Me → Privacy Center" you can download your data, open a request and cancel your account yourself; we answer requests within fifteen working days.

## 6. Children and minors

Children under 14 may use member features only after a guardian has read this policy and given separate consent; guardians can view, correct and delete the child's information or cancel the account through the Privacy Center. Minors under 18 should read this policy with a guardian.

## 7. Changes to this policy

When this policy changes, the app tells you of the new version and the date it takes effect; earlier versions stay readable in the Privacy Center. If a change concerns the purposes of processing or another major matter, we ask again for your consent to the changed purposes, and until you give it those purposes count as withdrawn.

## 8. Contact us

For questions, comments or complaints about this policy or our handling of personal information, contact our personal information protection officer under "Me → Privacy Center → My requests", or write to privacy@ccm.example.cn. We answer within fifteen working days.
`;
