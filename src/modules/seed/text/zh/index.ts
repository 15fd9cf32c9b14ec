/** The Chinese templates: one module per column, plus paragraphs any column can use. */
import { html } from '../../html.ts';
import type { LanguageTexts } from '../types.ts';
import { events } from './events.ts';
import { market } from './market.ts';
import { news } from './news.ts';
import { policy } from './policy.ts';
import { products } from './products.ts';
import { technology } from './technology.ts';
import { used } from './used.ts';

export const zh: LanguageTexts = {
  columns: { news, products, market, policy, technology, events, used },
  closings: [
    (s) =>
      html`业内人士表示，在${s.policy.zh}等政策带动下，${s.kind.zh}行业的结构性机会正在显现，企业需要在产品、服务和渠道上持续发力。`,
    () =>
      html`总体来看，国内市场企稳与海外市场拓展“双轮驱动”的格局正在形成，行业有望在新一轮周期中实现高质量发展。`,
    () => html`对于用户而言，选择设备时应综合考虑工况需求、全生命周期成本和服务保障能力，避免单纯比拼价格。`,
    (s) =>
      html`下一步，相关企业还将围绕${s.market.region.zh}等重点市场加快本地化布局，提升海外业务的抗风险能力。`,
    (s) => html`CCM 将持续关注${s.kind.zh}领域的最新动态，欢迎读者通过客户端留言分享一线见闻。`,
    (s) =>
      html`多位经销商预计，随着${s.project.zh}等项目陆续开工，${s.city.provinceZh}及周边地区的设备需求将在未来一段时间内保持稳定。`,
  ],
  electric: [
    (s) =>
      html`值得一提的是，新能源${s.kind.zh}的应用正在加速。与传统燃油设备相比，电动产品具有零排放、低噪音、使用成本低等优势，在市政、隧道和港口等场景尤其受欢迎。据测算，单台电动${s.kind.zh}每年可节省能源费用${s.count * 2}万元左右。`,
    (s) =>
      html`在电动化方面，电池容量、充电效率和低温性能仍是用户关注的焦点。部分企业推出了换电模式，单次换电仅需${s.count}分钟，有效缓解了续航焦虑。`,
  ],
  parts: [
    (s) =>
      html`属具与配件市场同样值得关注。随着一机多用的需求增多，破碎锤、快换接头、液压剪等属具的配套率不断提高，为${s.kind.zh}用户拓展了作业范围。`,
    () =>
      html`在配件方面，原厂件与副厂件的价格差距正在缩小，用户越来越重视配件的质量和可追溯性，主机企业也在加快建设配件电商平台和区域中心库。`,
  ],
};
