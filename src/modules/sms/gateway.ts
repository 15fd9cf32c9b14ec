// Replaced by the SMS gateway adapter.
import type { SmsMessage, SmsProvider } from './provider.ts';

export class GatewayProvider implements SmsProvider {
  readonly name = 'gateway';
  constructor(readonly options: { url: string; keyId: string; secret: string; signName: string }) {}
  async send(_message: SmsMessage): Promise<void> {
    throw new Error('the SMS gateway adapter is not built yet');
  }
}
