/** The English templates, for the English-language edition's smaller share of articles. */
import { html } from '../../html.ts';
import type { LanguageTexts } from '../types.ts';
import { market, news, products } from './business.ts';
import { events, policy, technology, used } from './industry.ts';
import { one } from './util.ts';

export const en: LanguageTexts = {
  columns: { news, products, market, policy, technology, events, used },
  closings: [
    (s) =>
      html`Industry observers see structural opportunities in ${s.kind.en}, driven by ${s.policy.en}, but say companies must keep investing in products, service and distribution.`,
    () =>
      html`Overall, a steadier home market and expanding exports are together setting the pace for the industry.`,
    () =>
      html`For buyers, the advice is to weigh the application, the lifetime cost and the quality of service support rather than the price alone.`,
    (s) => html`CCM will keep following developments in ${s.kind.en}.`,
  ],
  electric: [
    (s) =>
      html`Electric ${s.kind.en} are gaining ground: zero exhaust emissions, low noise and lower running costs make them popular in cities, tunnels and ports, saving an estimated CNY ${(s.count * 20000).toLocaleString('en-US')} a year in energy per machine.`,
  ],
  parts: [
    (s) =>
      html`Attachments are a growing business too: breakers, quick couplers and shears let ${one(s.kind.en)} owners take on more kinds of work.`,
  ],
};
