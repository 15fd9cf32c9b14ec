/**
 * The SMS gateway adapter: one signed HTTPS POST per message, the "SendSms" call in the common
 * shape of the mainland providers. Carriers only deliver texts from templates reviewed in advance,
 * so the gateway receives a template code and its parameters, never free text.
 *
 * Errors carry the provider's code and request id, never the phone number or the code.
 */
import { signedHeaders } from './gateway-signing.ts';
import type { ServiceNotice, SmsMessage, SmsProvider, SmsPurpose } from './provider.ts';
import type { NoticePurpose } from './texts.ts';

/** A purpose's code template, or `<purpose>.notice` for the notice to a registered number. */
export type TemplateKey = SmsPurpose | `${NoticePurpose}.notice` | `${ServiceNotice}.notice`;

/** Template codes as registered with the gateway; the provider assigns the real ones. */
export const DEFAULT_TEMPLATES: Record<TemplateKey, string> = {
  register: 'CCM_REGISTER_CODE',
  login: 'CCM_LOGIN_CODE',
  'reset-password': 'CCM_RESET_PASSWORD_CODE',
  'bind-phone': 'CCM_BIND_PHONE_CODE',
  'cancel-account': 'CCM_CANCEL_ACCOUNT_CODE',
  guardian: 'CCM_GUARDIAN_CODE',
  'guardian-access': 'CCM_GUARDIAN_ACCESS_CODE',
  'register.notice': 'CCM_REGISTER_NOTICE',
  'incident.notice': 'CCM_INCIDENT_NOTICE',
  'service-ending.notice': 'CCM_SERVICE_ENDING_NOTICE',
};

export class GatewayError extends Error {
  constructor(
    /** The provider's business code, or `http_<status>`, `timeout`, `network`, `malformed_response`. */
    readonly code: string,
    readonly status?: number,
    readonly requestId?: string,
    options?: ErrorOptions,
  ) {
    const where = [status ? `HTTP ${status}` : undefined, requestId ? `request ${requestId}` : undefined]
      .filter(Boolean)
      .join(', ');
    super(`The SMS gateway did not send the message: ${code}${where ? ` (${where})` : ''}`, options);
    this.name = 'GatewayError';
  }
}

/** Whatever the gateway answers is shown only as a short token (it could echo anything back). */
const token = (value: unknown) =>
  typeof value === 'string' && value ? value.replace(/[^\w.:-]/g, '').slice(0, 64) : undefined;

/** The gateway wants mainland numbers without +86, others as the country code and number. */
export function gatewayNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export interface GatewayOptions {
  url: string;
  keyId: string;
  secret: string;
  signName: string;
  templates?: Partial<Record<TemplateKey, string>>;
  /** How long to wait for the whole answer; 5 s unless given. */
  timeoutMs?: number;
  /** The time put into the signature (tests); the system clock otherwise. */
  now?: () => Date;
}

export class GatewayProvider implements SmsProvider {
  readonly name = 'gateway';
  readonly remote = true;
  private readonly endpoint: URL;
  private readonly templates: Record<TemplateKey, string>;

  constructor(readonly options: GatewayOptions) {
    this.endpoint = new URL(options.url);
    // Access keys and phone numbers never travel in clear text, except to a stand-in on this machine.
    if (this.endpoint.protocol !== 'https:' && !isLoopback(this.endpoint))
      throw new Error('the SMS gateway URL must use https');
    this.templates = { ...DEFAULT_TEMPLATES, ...options.templates };
  }

  async send(message: SmsMessage): Promise<void> {
    const notice = message.kind === 'notice-registered' || message.kind === 'service-notice';
    const body = JSON.stringify({
      PhoneNumbers: gatewayNumber(message.to),
      SignName: this.options.signName,
      TemplateCode:
        this.templates[
          notice ? (`${message.purpose}.notice` as TemplateKey) : (message.purpose as SmsPurpose)
        ],
      TemplateParam: JSON.stringify(notice ? (message.params ?? {}) : { code: message.code }),
    });
    const headers = signedHeaders({
      url: this.endpoint,
      action: 'SendSms',
      body,
      keyId: this.options.keyId,
      secret: this.options.secret,
      now: this.options.now?.() ?? new Date(),
    });
    const answer = await this.post(headers, body);
    const code = token(answer.json?.Code);
    const requestId = token(answer.json?.RequestId);
    if (answer.status < 200 || answer.status >= 300)
      throw new GatewayError(code ?? `http_${answer.status}`, answer.status, requestId);
    if (code !== 'OK') throw new GatewayError(code ?? 'malformed_response', answer.status, requestId);
  }

  private async post(headers: Record<string, string>, body: string) {
    try {
      const res = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      const text = await res.text();
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      return { status: res.status, json };
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new GatewayError('timeout', undefined, undefined, { cause: err });
      throw new GatewayError('network', undefined, undefined, { cause: err });
    }
  }
}
