/**
 * How offered profile values are shown before the member decides: enough to recognise them, not
 * enough to be worth anything to whoever else holds the link (its id travels in a URL).
 */

/** 张** for 张三丰: the first character, a star for each other one (at most three). */
export function maskNickname(nickname: string): string {
  const chars = Array.from(nickname);
  return `${chars[0]}${'*'.repeat(Math.min(3, Math.max(1, chars.length - 1)))}`;
}

/** z***@example.com: the first character of the local part and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}
