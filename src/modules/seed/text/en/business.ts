/** English templates for Industry news, Products & new machines and Market data. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';
import { an, cap, monthName, num, one, title, trend } from './util.ts';

export const news: ColumnTexts = {
  titles: [
    (s) => s.b && `${s.b.en} Wins Order for ${s.orders} ${title(s.kind.en)} in ${s.market.country.en}`,
    (s) => s.b && `${s.b.en} Opens Second Phase of ${s.city.en} Plant`,
    (s) => `${s.city.provinceEn} Project Starts Lift Demand for ${title(s.kind.en)}`,
    (s) => s.b && `${s.b.en} Delivers ${s.orders} Machines to ${s.city.provinceEn} ${title(s.project.en)}`,
    (s) => s.b && `${s.b.en} Grows ${s.market.region.en} Revenue as Overseas Push Continues`,
  ],
  summaries: [
    (s) =>
      `Contractors in ${s.city.provinceEn} are adding ${s.kind.en} as a wave of projects moves into peak construction.`,
    (s) =>
      s.b && `${s.b.en} says the move strengthens its position in ${s.kind.en} and shortens delivery times.`,
  ],
  leads: [
    (s) =>
      s.b &&
      html`${s.b.en} has announced a new milestone for its ${s.kind.en} business in ${s.city.en}. Models including the ${strong(s.b.model)} will go to ${s.project.en} work, with ${s.orders} units due for delivery this year.`,
    (s) =>
      html`Demand for ${s.kind.en} in ${s.city.provinceEn} has picked up since ${monthName(s)}, as several ${s.project.en} schemes entered their busiest phase. Dealers in ${s.city.en} report enquiries up about ${s.lift}% on the previous month.`,
  ],
  paragraphs: [
    (s) =>
      s.b &&
      html`According to ${s.b.en}, automation on its main assembly lines has cut the build time of a single machine by around ${s.cut}%, while allowing smaller batches for export markets.`,
    (s) =>
      html`Customers are asking more of their suppliers: reliability, fuel economy and quick service now weigh as heavily as purchase price. An earthmoving contractor in ${s.city.en} put it simply: “What matters is the cost over a whole year.”`,
    (s) =>
      html`In ${s.market.region.en}, rising infrastructure spending is drawing in Chinese manufacturers, several of which have opened parts warehouses and training centres in ${s.market.country.en}.`,
    (s) =>
      s.b2 &&
      html`${s.b2.en} has been expanding in the same segment, and its ${strong(s.b2.model)} is now working alongside competing machines on several sites.`,
    () =>
      html`Supply of engines and hydraulic components has stabilised, and steel prices have been less volatile than last year, easing cost pressure on manufacturers.`,
  ],
  lists: [
    (s) =>
      s.b && {
        heading: 'Key facts',
        items: [`Model: ${s.b.model}`, `Units: ${s.orders}`, `Application: ${s.project.en}`],
      },
  ],
};

export const products: ColumnTexts = {
  titles: [
    (s) => s.b && `${s.b.en} Launches the ${s.b.model} ${title(one(s.kind.en))}`,
    (s) =>
      s.b && `First Look: ${s.b.en} ${s.b.model}, ${an(s.spec.en)} Machine for ${title(s.project.en)} Work`,
    (s) => s.b && `${s.b.en} ${s.b.model}${s.electric ? ' Electric' : ''} Arrives in ${s.city.en}`,
    (s) => s.b && s.b2 && `${s.b.en} ${s.b.model} vs ${s.b2.en} ${s.b2.model}: Which Suits Your Site?`,
    (s) => s.b && `${s.b.en} Targets ${s.market.region.en} With New ${s.spec.en} ${title(s.kind.en)}`,
  ],
  summaries: [
    (s) => s.b && `The ${s.b.model} sits in the ${s.spec.en} class and is tuned for ${s.project.en} work.`,
    (s) => s.b && `${s.b.en} claims energy use is ${s.save}% lower than the previous generation.`,
  ],
  leads: [
    (s) =>
      s.b &&
      html`${s.b.en} has unveiled the ${strong(s.b.model)} in ${s.city.en}. The ${s.spec.en} machine is aimed at ${s.project.en} and municipal work, and the first ${s.orders} units are already spoken for.`,
    (s) =>
      s.b &&
      html`The ${strong(s.b.model)} keeps the family look of ${s.b.en}'s range but brings substantial changes to the powertrain, hydraulics and electronics.`,
  ],
  paragraphs: [
    (s) =>
      html`${s.electric ? 'A high-capacity battery pack and permanent-magnet motor' : 'A China IV-compliant engine with smart power matching'} drives the machine. In typical duty cycles, energy use is around ${s.save}% lower than before.`,
    () =>
      html`The hydraulic system uses negative-flow control and independent flow combining, which makes combined movements smoother under heavy loads.`,
    (s) =>
      html`The redesigned cab offers better visibility and a ${s.count}-inch touchscreen that shows energy use, working hours and fault codes.`,
    (s) =>
      s.b &&
      html`Dealers quote the standard ${s.b.model} at about ${strong(`CNY ${num(s.price * 10000)}`)}, with finance and trade-in offers available in ${s.city.provinceEn}.`,
    (s) =>
      html`Service intervals have been extended to ${s.count * 100} hours, cutting routine maintenance time by a third.`,
  ],
  lists: [
    (s) =>
      s.b && {
        heading: 'Specifications',
        items: [`Model: ${s.b.model}`, `Class: ${s.spec.en}`, `Application: ${s.project.en}`],
      },
  ],
};

export const market: ColumnTexts = {
  titles: [
    (s) => `${title(one(s.kind.en))} Sales Reach ${num(s.units)} Units in ${monthName(s)} ${s.year}`,
    (s) => `${monthName(s)} Utilisation of ${title(s.kind.en)} at ${s.rate}%`,
    (s) => `Exports of Chinese ${title(s.kind.en)} to ${s.market.region.en} Keep Growing`,
    (s) => s.b && `${s.b.en} Takes ${s.share}% of the Domestic ${title(s.kind.en)} Market`,
    (s) => `Market Data: ${title(s.kind.en)} in ${monthName(s)}, ${trend(s)}`,
  ],
  summaries: [
    (s) =>
      `Manufacturers sold ${num(s.units)} ${s.kind.en} in ${monthName(s)}, ${trend(s)}; exports made up about ${s.share}%.`,
    (s) => `Average utilisation stood at ${s.rate}%, with ${s.hours} working hours per machine.`,
  ],
  leads: [
    (s) =>
      html`Industry figures show that major manufacturers sold ${strong(`${num(s.units)} ${s.kind.en}`)} in ${monthName(s)} ${s.year}, ${trend(s)}. Exports accounted for about ${s.share}% of the total.`,
    (s) =>
      html`Average utilisation of ${s.kind.en} reached ${strong(`${s.rate}%`)} in ${monthName(s)}, with each machine working ${s.hours} hours on average. ${s.city.provinceEn} and ${s.city2.provinceEn} were above the national figure.`,
  ],
  paragraphs: [
    (s) =>
      html`Exports remain the bright spot. Imports of Chinese ${s.kind.en} by ${s.market.country.en} rose ${s.growth}% year on year, with a growing share of higher-specification models.`,
    (s) => html`${cap(s.spec.en)} machines remain the volume leaders, at roughly ${s.share}% of units sold.`,
    () =>
      html`Transaction prices have held steady; some makers are offering longer warranties and free servicing rather than cutting list prices.`,
    (s) =>
      html`Analysts expect domestic demand to keep recovering as special bond issuance speeds up, with full-year sales likely to ${s.up ? 'grow' : 'stabilise'}.`,
    (s) =>
      s.b &&
      html`${s.b.en} leads the brand table with about ${s.share}% of the market, helped by models such as the ${strong(s.b.model)}.`,
  ],
  lists: [
    (s) => ({
      heading: `${monthName(s)} at a glance`,
      items: [
        `Units: ${num(s.units)}`,
        `Change: ${s.up ? '+' : '-'}${s.pct}%`,
        `Export share: ${s.share}%`,
        `Utilisation: ${s.rate}%`,
      ],
    }),
  ],
};
