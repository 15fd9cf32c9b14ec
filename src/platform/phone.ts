/**
 * Phone numbers: accepted as 11-digit mainland numbers or E.164, stored and compared as E.164,
 * shown masked (138****5678). Plain numbers never leave this module except to the SMS provider.
 */
import { AppError } from './errors.ts';

const MAINLAND = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** The E.164 form of a phone number, or undefined when it is not one. */
export function parsePhone(input: string): string | undefined {
  const compact = input.replace(/[\s()-]/g, '');
  if (MAINLAND.test(compact)) return `+86${compact}`;
  if (/^0086\d+$/.test(compact)) return parsePhone(`+${compact.slice(2)}`);
  if (!E164.test(compact)) return undefined;
  // A mainland number in E.164 must still be a mainland mobile number.
  if (compact.startsWith('+86') && !MAINLAND.test(compact.slice(3))) return undefined;
  return compact;
}

/** parsePhone, or a validation error naming the field. */
export function normalisePhone(input: string, path = 'body.phone'): string {
  const phone = parsePhone(input);
  if (!phone) {
    throw new AppError('validation.failed', 'The phone number is not valid.', {
      errors: [
        {
          path,
          message: 'expected an 11-digit mainland mobile number or an E.164 number such as +8613812345678',
        },
      ],
    });
  }
  return phone;
}

/** 138****5678 for mainland numbers; the country code, then stars and the last four digits otherwise. */
export function maskPhone(e164: string): string {
  if (e164.startsWith('+86') && e164.length === 14) {
    const national = e164.slice(3);
    return `${national.slice(0, 3)}****${national.slice(7)}`;
  }
  return `${e164.slice(0, 3)}****${e164.slice(-4)}`;
}
