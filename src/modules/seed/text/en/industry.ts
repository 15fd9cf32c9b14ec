/** English templates for Policy, Technology, Exhibitions & conferences and Used equipment & rental. */
import { html, strong } from '../../html.ts';
import { atExpo, atForum, type ColumnTexts } from '../types.ts';
import { an, cap, monthName, num, one, title } from './util.ts';

export const policy: ColumnTexts = {
  titles: [
    (s) => `${s.city.provinceEn} Issues Plan for ${title(s.policy.en)}`,
    (s) => `What the New Rules on ${title(s.policy.en)} Mean for Contractors`,
    (s) => `${s.city.en} to Retire ${title(s.kind.en)} Older Than ${s.age} Years`,
    (s) => `${s.city.provinceEn} Offers Up to CNY ${num(s.count * 20000)} per Machine for Upgrades`,
  ],
  summaries: [
    (s) => `The plan sets a timetable for ${s.policy.en}, with ${s.kind.en} among the priority categories.`,
    () => 'Contractors face tighter requirements on registration, inspection and emissions.',
  ],
  leads: [
    (s) =>
      html`Authorities in ${s.city.provinceEn} have published a plan for ${strong(s.policy.en)}. By ${s.year + 2}, most ${s.kind.en} older than ${s.age} years are to be replaced, and new-energy machines are to be used more widely on municipal sites.`,
    (s) =>
      html`New rules on ${strong(s.policy.en)} take effect in ${monthName(s)}, bringing clearer requirements for registration, routine checks and penalties.`,
  ],
  paragraphs: [
    (s) =>
      html`Owners who scrap old machines on schedule and buy new ones will receive subsidies of up to CNY ${num(s.count * 20000)} per unit, funded jointly by the province and its cities.`,
    (s) =>
      html`${s.city.en} will use its non-road machinery registry to track machines on site; unregistered or non-compliant equipment will be turned away.`,
    () =>
      html`For manufacturers the rules are both a challenge and an opportunity: they require investment in emissions control and electrification, but the renewal of older fleets should also bring new orders.`,
    (s) =>
      s.b &&
      html`${s.b.en} has launched a trade-in programme in response, offering valuation, buy-back and finance for customers moving to models such as the ${strong(s.b.model)}.`,
    (s) =>
      html`Machines more than ${s.age} years old make up about ${s.share}% of the national fleet, according to estimates.`,
  ],
  lists: [],
};

export const technology: ColumnTexts = {
  titles: [
    (s) => `Remote-Controlled ${title(s.kind.en)} Go to Work on ${title(an(s.project.en))} in ${s.city.en}`,
    (s) => s.b && `${s.b.en} Shows Autonomous Operation for ${title(s.kind.en)}`,
    (s) => `Predictive Maintenance Cuts Unplanned Downtime of ${title(s.kind.en)} by ${s.cut}%`,
    (s) =>
      s.b && s.electric ? `${s.b.en} Completes Field Trials of Battery-Electric ${s.b.model}` : undefined,
    (s) => `How Hydraulic Efficiency Is Changing ${title(s.kind.en)}`,
  ],
  summaries: [
    (s) =>
      `Sensors, private 5G and machine learning are turning ${s.kind.en} into connected, semi-autonomous machines.`,
    (s) =>
      s.b &&
      `${s.b.en} says the technology has been proven on ${s.project.en} sites and will scale next year.`,
  ],
  leads: [
    (s) =>
      html`On ${an(s.project.en)} site near ${s.city.en}, several ${s.kind.en} are working steadily — with nobody in the cab. Their operators sit in a control room kilometres away, linked by low-latency video.`,
    (s) =>
      s.b &&
      html`${s.b.en} has presented its latest ${s.kind.en} technology at its ${s.city.en} research centre, covering efficiency, intelligence and durability, already fitted to models such as the ${strong(s.b.model)}.`,
  ],
  paragraphs: [
    (s) =>
      html`Electronically controlled pumps, load sensing and energy recovery together save ${strong(`${s.save}%`)} or more in typical duty cycles.`,
    (s) =>
      html`Lidar, radar and multiple cameras build a live model of the surroundings; over a private 5G network, control latency stays under ${s.count * 10} ms.`,
    (s) =>
      html`Durability testing covered ${num(Math.round(s.hours * 10))} hours in harsh conditions, leading to several rounds of changes to structures, hoses and wiring.`,
    () =>
      html`Experts caution that missing standards, cost and operator acceptance still slow adoption, and that manufacturers, suppliers and contractors need to work together.`,
  ],
  lists: [],
};

export const events: ColumnTexts = {
  titles: [
    atExpo((s) => s.b && `${s.b.en} to Show ${s.count} New Machines at ${s.expo.en}`),
    atExpo((s) => s.b && `${s.expo.en}: ${s.b.en} Premieres the ${s.b.model}`),
    atExpo((s) => `${s.expo.en} Report: Electric and Smart ${title(s.kind.en)} Take Centre Stage`),
    atForum((s) => `${s.forum.en} Meets in ${s.city.en}`),
    atForum((s) => `${s.forum.en}: Delegates Debate ${title(s.policy.en)}`),
  ],
  summaries: [
    atExpo(
      (s) =>
        `Hundreds of exhibitors gathered in ${s.expo.cityEn}, with ${s.kind.en} among the busiest halls.`,
    ),
    atExpo(
      (s) => s.b && `${s.b.en} used the show to launch the ${s.b.model} and sign several dealer agreements.`,
    ),
    atForum(
      (s) => `Manufacturers, rental firms and contractors met in ${s.city.en} to discuss ${s.policy.en}.`,
    ),
  ],
  leads: [
    atExpo(
      (s) =>
        html`${strong(s.expo.en)} opened in ${s.expo.cityEn} in ${monthName(s)}, with a larger floor area than last time and crowded ${s.kind.en} halls.`,
    ),
    atExpo(
      (s) =>
        s.b &&
        html`The ${s.b.en} stand drew steady crowds: the company brought ${s.count} machines, including the world premiere of the ${strong(s.b.model)}.`,
    ),
    atForum(
      (s) =>
        html`The ${strong(s.forum.en)} brought some ${s.count * 30} delegates to ${s.city.en}, with ${s.policy.en}, exports and digitalisation high on the agenda.`,
    ),
  ],
  paragraphs: [
    atExpo(
      (s) =>
        html`Electric machines were far more visible than at previous shows, from battery-electric ${s.kind.en} to charging and battery-swap equipment.`,
    ),
    atExpo(
      () =>
        html`Remote operation, automatic grade control and on-board weighing are becoming standard on higher-end machines, and several exhibitors ran live multi-machine demonstrations.`,
    ),
    atExpo(
      (s) =>
        html`The organisers reported ${s.lift}% more trade visitors than last time, with the fastest growth from ${s.market.region.en}.`,
    ),
    atExpo(
      (s) =>
        s.b2 &&
        html`${s.b2.en} built its stand around sustainable construction, showing models such as the ${strong(s.b2.model)}.`,
    ),
    atForum(
      () =>
        html`Several speakers argued that the industry is shifting from selling new machines to serving the installed base, with aftermarket services, rental and remanufacturing as the next growth areas.`,
    ),
    atForum(
      (s) =>
        s.b &&
        html`${s.b.en} described its approach in ${s.market.region.en}, where it says local service and parts availability win customers.`,
    ),
    atForum(
      (s) =>
        html`Rental companies named utilisation and residual values of ${s.kind.en} as their biggest challenges, and called for more data sharing across the industry.`,
    ),
  ],
  lists: [],
};

export const used: ColumnTexts = {
  titles: [
    (s) => `Used ${title(s.kind.en)} Prices ${s.up ? 'Rise' : 'Ease'} ${s.lift}% in ${monthName(s)}`,
    (s) => s.b && `What Is ${an(`${s.age}-Year-Old`)} ${s.b.en} ${s.b.model} Worth?`,
    (s) => `${title(one(s.kind.en))} Rental in ${s.city.provinceEn}: Utilisation Holds at ${s.rate}%`,
    (s) => `Buyers From ${s.market.region.en} Turn to Used Chinese ${title(s.kind.en)}`,
  ],
  summaries: [
    (s) => `${cap(s.spec.en)} machines led trading; well-documented units in good condition fetch a premium.`,
    (s) => `Rental rates for ${s.kind.en} ${s.up ? 'edged up' : 'held steady'} as large fleets rebalanced.`,
  ],
  leads: [
    (s) =>
      html`The used-equipment market in ${s.city.en} recorded ${strong(`${s.orders} sales`)} in ${monthName(s)}, with ${s.kind.en} making up about ${s.share}%.`,
    (s) =>
      html`Fleet utilisation for ${s.kind.en} in ${s.city.provinceEn} has stayed around ${strong(`${s.rate}%`)}, helped by short-term hires on ${s.project.en} work.`,
  ],
  paragraphs: [
    (s) =>
      html`Machines around ${s.age} years old with fewer than ${num(s.age * 1500)} hours sell best, typically at ${Math.round(s.rate - 10)}% of the new price.`,
    (s) =>
      html`Export buyers from ${s.market.region.en} value durability and price, and demand from ${s.market.country.en} for used Chinese machines keeps rising.`,
    () =>
      html`Rental companies say telematics is now essential: knowing where every machine is, and how hard it works, is what keeps idle time down.`,
    () =>
      html`Buyers should check the engine, hydraulic pumps and structure, verify paperwork, and consider an independent inspection.`,
  ],
  lists: [],
};
