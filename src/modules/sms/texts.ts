/**
 * The Chinese texts of CCM's SMS messages, one per purpose. Carriers require the registered
 * signature name in 【】 at the start; the gateway's templates must read the same.
 */
import type { ServiceNotice, SmsPurpose } from './provider.ts';

/** How long a code is valid, in minutes, as the texts say it (service.ts keeps the real value). */
export const CODE_TTL_MINUTES = 5;

const CODE_TEXT: Record<SmsPurpose, (code: string) => string> = {
  register: (c) => `您的注册验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。如非本人操作，请忽略本短信。`,
  login: (c) => `您的登录验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。如非本人操作，请忽略本短信。`,
  'reset-password': (c) =>
    `您正在重置密码，验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。请勿将验证码告诉他人；如非本人操作，请忽略本短信。`,
  'bind-phone': (c) =>
    `您正在绑定手机号，验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。如非本人操作，请忽略本短信。`,
  'cancel-account': (c) =>
    `您正在申请注销账号，验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。注销后账号信息将被删除且无法恢复；如非本人操作，请忽略本短信。`,
  guardian: (c) =>
    `您正在为未成年人的账号进行监护人确认，验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。如非监护人本人操作，请忽略本短信。`,
  'guardian-access': (c) =>
    `您正在以监护人身份查看、更正或删除孩子的个人信息，验证码是${c}，${CODE_TTL_MINUTES}分钟内有效。请勿将验证码告诉他人；如非本人操作，请忽略本短信。`,
};

/** Purposes whose request for a registered phone answers with a notice instead of a code. */
export type NoticePurpose = Extract<SmsPurpose, 'register'>;

const NOTICE_TEXT: Record<NoticePurpose, string> = {
  register:
    '该手机号已注册工程机械CCM账号，可直接登录；如忘记密码，可通过“找回密码”重置。如非本人操作，请忽略本短信。',
};

const signed = (signName: string, body: string) => `【${signName}】${body}`;

export function codeText(signName: string, purpose: SmsPurpose, code: string): string {
  return signed(signName, CODE_TEXT[purpose](code));
}

export function noticeText(signName: string, purpose: SmsPurpose): string {
  return signed(signName, NOTICE_TEXT[purpose as NoticePurpose] ?? NOTICE_TEXT.register);
}

/**
 * Service notices carry a reference and point to the app: a carrier template cannot hold the whole
 * notice, and the app shows it in full (categories, cause, harm, measures, advice, contact).
 */
const SERVICE_TEXT: Record<ServiceNotice, (p: Record<string, string>) => string> = {
  incident: (p) =>
    `我们发生了一起可能涉及您个人信息的安全事件（编号${p.reference}）。事件情况、可能的影响、我们已采取的措施和您可以采取的防护建议，请在App“消息通知”中查看；咨询请联系${p.contact}。`,
  'service-ending': (p) =>
    `工程机械CCM将于${p.date}停止运营，届时将删除您的个人信息。详情请在App中查看；如需下载个人数据，请在此之前操作。`,
};

export function serviceNoticeText(
  signName: string,
  notice: ServiceNotice,
  params: Record<string, string>,
): string {
  return signed(signName, SERVICE_TEXT[notice](params));
}
