/** Wire shapes of the SMS code request. */
import { z } from 'zod';
import { SMS_PURPOSES } from './provider.ts';

export const SmsCodeRequest = z.object({
  phone: z
    .string()
    .max(32)
    .describe('an 11-digit mainland mobile number or E.164, e.g. 13812345678 or +8613812345678'),
  // guardian-access is asked for through POST /guardian/session/code, which decides who gets one.
  purpose: z.enum(SMS_PURPOSES).exclude(['guardian-access']),
});

export const SmsCodeAccepted = z.object({
  retryAfterSeconds: z
    .number()
    .int()
    .describe('seconds until another code may be requested for this number and purpose'),
});
