/**
 * What a member's password must be: 8 to 128 characters and not one that attackers try first. The
 * list holds passwords that leaked lists show again and again, in the forms common in China too
 * (digit runs, keyboard walks, pinyin phrases, lucky numbers).
 */
import { AppError } from '../../platform/errors.ts';

const COMMON = new Set(
  `12345678 123456789 1234567890 87654321 11111111 22222222 66666666 88888888 00000000 12341234
  11223344 123123123 147258369 12344321 password password1 password123 passw0rd iloveyou qwerty123
  qwertyui qwertyuiop 1qaz2wsx 1q2w3e4r 1q2w3e4r5t zaq12wsx qazwsxedc asdfghjk asdf1234 zxcvbnm1
  abcd1234 abc12345 abcdefgh aa123456 a1234567 a12345678 q1w2e3r4 woaini1314 woaini520 5201314520
  woaiwojia wangyuan1 iloveyou1 admin123 admin1234 administrator welcome1 sunshine princess football
  baseball superman 1234qwer qwer1234 1314520a 7758521a 19870512 19900101 20000101 caonima1
  nihao123 zhang123 wang1234 li123456 liu12345 chen1234 test1234 changeme letmein1 trustno1
  dragon123 monkey123 shadow12 master12 killer12 ccm12345 ccm123456 gongcheng jixie123 wajueji1
  excavator machine1 password! p@ssw0rd p@ssword qwe123456 123qweasd 123456aa 123456qq 1234abcd
  520131400 13141314 aaaaaaaa bbbbbbbb 12121212 98765432 10203040`.split(/\s+/),
);

export function checkNewPassword(password: string, path = 'body.password'): void {
  const fail = (message: string) => {
    throw new AppError('validation.failed', 'The password is not acceptable.', {
      errors: [{ path, message }],
    });
  };
  if (password.length < 8) fail('expected at least 8 characters');
  if (password.length > 128) fail('expected at most 128 characters');
  if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password) || /^\d{8}$/.test(password)) {
    fail('this password is too common or too simple; choose another');
  }
}
