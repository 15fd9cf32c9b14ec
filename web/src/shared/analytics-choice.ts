/**
 * The device's own analytics choice (anonymous visitors, and members on this device): kept in
 * localStorage, never sent anywhere but as the `X-CCM-Analytics: on|off` header of API requests,
 * which the server's consent guard honours. Not chosen yet means nothing is counted.
 */
const KEY = 'ccm.analytics';

export type AnalyticsChoice = 'on' | 'off';

export function analyticsChoice(): AnalyticsChoice | null {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'on' || v === 'off' ? v : null;
  } catch {
    return null;
  }
}

export function setAnalyticsChoice(choice: AnalyticsChoice): void {
  try {
    globalThis.localStorage?.setItem(KEY, choice);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only, and the default is off.
  }
}

/** The header for API requests: only when the device has said something. */
export function analyticsHeader(): Record<string, string> {
  const choice = analyticsChoice();
  return choice ? { 'x-ccm-analytics': choice } : {};
}
