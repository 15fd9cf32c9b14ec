/** The providers this installation offers: those whose settings are present. */
import type { Config } from '../../../config.ts';
import type { ProviderId } from '../tables.ts';
import { AppleProvider } from './apple.ts';
import type { IdentityProvider } from './types.ts';
import { WeChatProvider } from './wechat.ts';

export type { IdentityProvider, ProviderProfile } from './types.ts';

/** Shown on the sign-in buttons and in the list of linked identities. */
export const PROVIDER_NAMES: Record<ProviderId, string> = { apple: 'Apple', wechat: '微信' };

export function configuredProviders(config: Config): Map<ProviderId, IdentityProvider> {
  const providers = new Map<ProviderId, IdentityProvider>();
  if (config.CCM_APPLE_CLIENT_ID && config.CCM_APPLE_CLIENT_SECRET) {
    providers.set(
      'apple',
      new AppleProvider(PROVIDER_NAMES.apple, {
        issuer: config.CCM_APPLE_ISSUER,
        clientId: config.CCM_APPLE_CLIENT_ID,
        clientSecret: config.CCM_APPLE_CLIENT_SECRET,
      }),
    );
  }
  if (config.CCM_WECHAT_APP_ID && config.CCM_WECHAT_APP_SECRET) {
    providers.set(
      'wechat',
      new WeChatProvider(PROVIDER_NAMES.wechat, {
        appId: config.CCM_WECHAT_APP_ID,
        appSecret: config.CCM_WECHAT_APP_SECRET,
        baseUrl: config.CCM_WECHAT_BASE_URL,
        apiBaseUrl: config.CCM_WECHAT_API_BASE_URL,
      }),
    );
  }
  return providers;
}
