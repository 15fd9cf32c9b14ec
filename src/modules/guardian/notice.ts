/**
 * The notice on children's personal information that a guardian reads before deciding
 * (requirement 13; Provisions on Network Protection of Children's Personal Information, art. 10):
 * what is collected and why, how, where it is kept and for how long, how it is protected, what
 * refusing means, how to correct or delete, how to complain, and who answers for it.
 *
 * Written for parents, in plain words; Simplified Chinese is the reference, English follows it.
 * The version changes when the substance changes (and is what a decision names); the content hash
 * covers the words actually shown, settings included, and is recorded with every decision.
 */
import { createHash } from 'node:crypto';

export const GUARDIAN_NOTICE_VERSION = '2026-11-25';

export type NoticeLang = 'zh-CN' | 'en';

export interface NoticeSection {
  id: string;
  heading: string;
  /** Plain text; paragraphs separated by blank lines, list items starting with "• ". */
  body: string;
}

export interface NoticeText {
  title: string;
  intro: string;
  sections: NoticeSection[];
}

export interface NoticeSettings {
  /** CCM_CHILD_DATA_OFFICER: the person or role responsible for children's data. */
  officer: string;
  /** CCM_PRIVACY_CONTACT: where to write. */
  contact: string;
  /** CCM_STORAGE_REGION, e.g. CN-BJ. */
  region: string;
}

const lines = (...items: string[]) => items.join('\n');

function zh(s: NoticeSettings): NoticeText {
  return {
    title: '儿童个人信息保护规则（监护人须知）',
    intro: lines(
      '本须知写给不满14周岁儿童的父母或其他监护人。孩子在工程机械CCM注册了账号，需要您读完本须知后决定是否同意。请和孩子一起阅读。',
      '',
      '在您同意之前，孩子的账号只能修改生日、查看和退出登录设备、完成监护人确认；不登录也可以浏览资讯、阅读文章和搜索。',
    ),
    sections: [
      {
        id: 'collection',
        heading: '我们收集孩子的哪些信息，为什么收集',
        body: lines(
          '• 手机号：用于注册、登录、发送验证码和保障账号安全。',
          '• 密码：用于登录。我们只保存无法还原的哈希值，不保存密码本身。',
          '• 昵称、头像、性别、生日、个人简介：由孩子自愿填写，用于“我的”页面。生日用来判断年龄，以便适用儿童和未成年人保护规则。',
          '• 兴趣标签和“我的栏目”：按孩子的选择展示资讯。',
          '• 登录设备（设备名称、浏览器或App版本）和IP属地（只到省份，不保存IP地址）：用于账号安全，并按规定展示IP属地。',
          '• 您的手机号：向您发送验证码以确认您是监护人，记录您的决定，并在发生个人信息安全事件时通知您。',
          '• 同意记录：您同意或拒绝的时间、所读须知的版本和方式，用于证明我们依法处理。',
          '',
          '这些信息由孩子或您在App和网站中填写，或在登录和使用时产生。未经您的同意，我们不会把孩子的个人信息提供给第三方。',
        ),
      },
      {
        id: 'storage',
        heading: '存放在哪里，保存多久',
        body: lines(
          `• 所有信息存放在中华人民共和国境内（存储区域：${s.region}），未经您单独同意不会传输到境外。`,
          '• 账号存在期间保存；注销账号后删除。',
          '• 登录设备记录在最后一次使用后30天删除；没有完成的监护人确认请求在30天后删除。',
          '• 您的同意或拒绝记录在账号注销后再保存3年，用于证明我们依法处理，之后删除。',
        ),
      },
      {
        id: 'security',
        heading: '我们怎样保护这些信息',
        body: lines(
          '• 孩子的生日、个人简介和手机号，以及您的手机号，都加密存储；密码只保存哈希值。',
          '• 只有工作确实需要的工作人员才能查看儿童的信息，并且只授予最少的权限；每一次查看都会记录是谁、在什么时间、看了什么，以备核查。',
          '• 系统日志不记录手机号、验证码等个人信息。',
          '• 如果发生个人信息安全事件，我们会立即处置，并通过短信等方式告诉您：发生了什么、可能的影响、我们采取的措施和您可以做什么；无法逐一告知时会发布公告。',
        ),
      },
      {
        id: 'refusal',
        heading: '如果您不同意',
        body: lines(
          '• 您可以拒绝。孩子仍然可以不登录浏览资讯、阅读文章和搜索。',
          '• 拒绝后，孩子的账号不能使用需要账号的功能（例如设置兴趣标签和栏目），已登录的设备会全部退出；以后再登录，仍需要您的同意。',
          '• 同意以后，您也可以随时用同样的方式撤回：向您的手机发送验证码，选择“不同意”。撤回立即生效，不影响撤回之前已经进行的处理。',
        ),
      },
      {
        id: 'rights',
        heading: '查看、更正和删除',
        body: lines(
          '• 孩子或您可以在“我的”页面查看和修改资料，生日填错了可以随时更正。',
          '• 可以申请注销账号。注销后我们删除孩子的个人信息，依法必须保留的同意记录除外。',
          '• 也可以联系下面的负责人，要求查阅、复制、更正或删除孩子的信息，我们在15个工作日内处理。',
        ),
      },
      {
        id: 'contact',
        heading: '负责人和投诉渠道',
        body: lines(
          `• 儿童个人信息保护负责人：${s.officer}`,
          `• 联系方式：${s.contact}`,
          '• 对我们处理孩子信息的方式有疑问或要投诉，请联系上面的负责人，我们在15个工作日内答复。您也可以向网信、公安等有关部门投诉、举报。',
        ),
      },
      {
        id: 'service-end',
        heading: '如果我们停止服务',
        body: '我们会提前30天通知，停止收集孩子的信息，并删除或匿名化已经保存的信息。',
      },
    ],
  };
}

function en(s: NoticeSettings): NoticeText {
  return {
    title: 'Children’s personal information: notice for guardians',
    intro: lines(
      'This notice is for the parents or other guardians of a child under 14. Your child has created a CCM account, and we need you to read this notice and decide whether you agree. Please read it together with your child.',
      '',
      'Until you agree, the child’s account can only correct the birthday, see and sign out devices, and complete this guardian step. Without signing in, news, articles and search stay open to everyone.',
    ),
    sections: [
      {
        id: 'collection',
        heading: 'What we collect from your child, and why',
        body: lines(
          '• Phone number: to register, sign in, send verification codes and keep the account safe.',
          '• Password: to sign in. We keep only a hash that cannot be turned back into the password.',
          '• Nickname, avatar, gender, birthday, bio: given freely by your child, for the “Me” page. The birthday tells us the age, so that the rules protecting children and minors apply.',
          '• Interest tags and “My Column”: to show news in the order your child chose.',
          '• Signed-in devices (device name, browser or app version) and the province of the IP address (the address itself is not kept): for account security, and shown as the rules require.',
          '• Your phone number: to send you a code proving you are the guardian, to record your decision, and to tell you about any personal-information security incident.',
          '• Consent records: when you agreed or refused, which version of this notice, and how; they prove we acted lawfully.',
          '',
          'Your child or you enter this information in the app or on the website, or it arises when signing in and using the service. We do not give your child’s personal information to third parties without your consent.',
        ),
      },
      {
        id: 'storage',
        heading: 'Where it is kept, and for how long',
        body: lines(
          `• Everything is stored in mainland China (storage region ${s.region}) and is not transferred abroad without your separate consent.`,
          '• Kept while the account exists; deleted when the account is cancelled.',
          '• Records of signed-in devices are deleted 30 days after their last use; an unfinished guardian request after 30 days.',
          '• Your agreement or refusal is kept for 3 years after the account is cancelled, to prove lawful processing, then deleted.',
        ),
      },
      {
        id: 'security',
        heading: 'How we protect it',
        body: lines(
          '• Your child’s birthday, bio and phone number, and your phone number, are stored encrypted; passwords only as hashes.',
          '• Only staff who truly need it for their work may see a child’s information, with the least access possible; every view is recorded (who, when, what) for audit.',
          '• Our logs do not contain phone numbers, codes or other personal information.',
          '• If a security incident affects personal information, we act at once and tell you, by SMS or otherwise, what happened, the possible harm, what we did and what you can do; where we cannot reach everyone, we publish a notice.',
        ),
      },
      {
        id: 'refusal',
        heading: 'If you do not agree',
        body: lines(
          '• You may refuse. Your child can still read news and articles and search without signing in.',
          '• After a refusal, the account cannot use features that need an account (such as interest tags and columns), and every signed-in device is signed out; signing in again will still need your agreement.',
          '• After agreeing, you can withdraw at any time the same way: send a code to your phone and choose “Do not agree”. Withdrawal takes effect at once and does not undo processing done before it.',
        ),
      },
      {
        id: 'rights',
        heading: 'Seeing, correcting and deleting',
        body: lines(
          '• Your child or you can see and change the profile on the “Me” page, and correct a wrong birthday at any time.',
          '• You can cancel the account. We then delete your child’s personal information, except the consent records the law requires us to keep.',
          '• You can also write to the person named below to see, copy, correct or delete your child’s information; we handle it within 15 working days.',
        ),
      },
      {
        id: 'contact',
        heading: 'Who is responsible, and how to complain',
        body: lines(
          `• Person responsible for children’s personal information: ${s.officer}`,
          `• Contact: ${s.contact}`,
          '• For questions or complaints about how we handle your child’s information, contact the person above; we answer within 15 working days. You may also complain to the cyberspace or public security authorities.',
        ),
      },
      {
        id: 'service-end',
        heading: 'If we stop the service',
        body: 'We will tell you 30 days in advance, stop collecting your child’s information, and delete or anonymise what we keep.',
      },
    ],
  };
}

export interface GuardianNotice extends NoticeText {
  version: string;
  contentHash: string;
  lang: NoticeLang;
  officer: { name: string; contact: string };
  storageRegion: string;
}

const built = new Map<string, Record<NoticeLang, GuardianNotice>>();

/** The notice in both languages, with one content hash over both (settings are fixed per process). */
export function guardianNotices(s: NoticeSettings): Record<NoticeLang, GuardianNotice> {
  const key = JSON.stringify(s);
  const cached = built.get(key);
  if (cached) return cached;
  const texts = { 'zh-CN': zh(s), en: en(s) };
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ version: GUARDIAN_NOTICE_VERSION, ...texts }))
    .digest('hex');
  const make = (lang: NoticeLang): GuardianNotice => ({
    version: GUARDIAN_NOTICE_VERSION,
    contentHash,
    lang,
    ...texts[lang],
    officer: { name: s.officer, contact: s.contact },
    storageRegion: s.region,
  });
  const notices = { 'zh-CN': make('zh-CN'), en: make('en') };
  built.set(key, notices);
  return notices;
}

export function noticeSettingsOf(config: {
  CCM_CHILD_DATA_OFFICER: string;
  CCM_PRIVACY_CONTACT: string;
  CCM_STORAGE_REGION: string;
}): NoticeSettings {
  return {
    officer: config.CCM_CHILD_DATA_OFFICER,
    contact: config.CCM_PRIVACY_CONTACT,
    region: config.CCM_STORAGE_REGION,
  };
}
