/**
 * Where SMS messages go. The development outbox (the default) appends one JSON object per line to
 * `<data dir>/outbox/sms.jsonl`, as the API contract describes, so that people and tests can read
 * codes; a real gateway is chosen by configuration (gateway.ts).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';

export const SMS_PURPOSES = [
  'register',
  'login',
  'reset-password',
  'bind-phone',
  'cancel-account',
  'guardian',
  'guardian-access',
] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

/**
 * A verification code, a notice that the number already has an account (no code), or a service
 * notice sent by CCM itself (a security incident, the end of the service): never a code.
 */
export type SmsKind = 'code' | 'notice-registered' | 'service-notice';

/** What a service notice is about; each has its own template at the gateway. */
export const SERVICE_NOTICES = ['incident', 'service-ending'] as const;
export type ServiceNotice = (typeof SERVICE_NOTICES)[number];

export interface SmsMessage {
  /** E.164 phone number. */
  to: string;
  purpose: SmsPurpose | ServiceNotice;
  /** The template's parameters of a service notice (a reference, a date): never personal data. */
  params?: Record<string, string>;
  /** 'code' when left out. */
  kind?: SmsKind;
  /** The verification code; empty for a notice. */
  code: string;
  /** The full text, with the signature name. */
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  /**
   * True when sending crosses the network (a real gateway). The service then sends after
   * answering, so that the answer's timing does not tell whether anything was sent.
   */
  readonly remote?: boolean;
  send(message: SmsMessage): Promise<void>;
}

export class OutboxProvider implements SmsProvider {
  readonly name = 'outbox';
  readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'outbox', 'sms.jsonl');
  }

  async send(message: SmsMessage): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const { to, purpose, kind = 'code', code, text } = message;
    // The contract's fields; a notice carries no code.
    const line = JSON.stringify({
      to,
      purpose,
      kind,
      ...(kind === 'code' ? { code } : {}),
      text,
      at: new Date().toISOString(),
    });
    await appendFile(this.file, `${line}\n`, { mode: 0o600 });
  }
}

export async function smsProviderFromConfig(config: Config): Promise<SmsProvider> {
  if (config.CCM_SMS_PROVIDER === 'gateway') {
    const { GatewayProvider } = await import('./gateway.ts');
    return new GatewayProvider({
      url: config.CCM_SMS_GATEWAY_URL!,
      keyId: config.CCM_SMS_GATEWAY_KEY_ID!,
      secret: config.CCM_SMS_GATEWAY_SECRET!,
      signName: config.CCM_SMS_SIGN_NAME,
    });
  }
  return new OutboxProvider(config.dataDir);
}
