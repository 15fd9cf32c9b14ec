/** 市场数据: monthly sales, utilisation, exports, market shares. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';
import { exported, mon, trend, ytd } from './util.ts';

export const market: ColumnTexts = {
  titles: [
    (s) => `${mon(s)}${s.kind.zh}销量${s.units}台，${trend(s)}`,
    (s) => `${ytd(s)}${s.kind.zh}累计销售${s.units * s.month}台 出口占比${s.share}%`,
    (s) => `${s.month}月${s.kind.zh}开工率${s.rate}% 平均工作时长${s.hours}小时`,
    (s) => `${s.market.region.zh}成${s.kind.zh}出口重要增长极 ${s.month}月出口额${s.amount}亿元`,
    (s) => s.b && `${s.b.zh}${s.month}月${s.kind.zh}国内市场占有率达${s.share}%`,
    (s) => `${s.month}月${s.kind.zh}国内销量${s.up ? '回暖' : '承压'} 出口${s.up ? '延续增长' : '增速放缓'}`,
    (s) => `数据｜${ytd(s)}${s.city.provinceZh}${s.kind.zh}新增保有量${s.units2}台`,
    (s) => `${s.spec.zh}${s.kind.zh}成销量主力 ${s.month}月占比${s.share}%`,
    (s) => s.b && s.b2 && `${s.month}月${s.kind.zh}品牌榜：${s.b.zh}领跑 ${s.b2.zh}出口增速居前`,
  ],
  summaries: [
    (s) =>
      `根据行业统计，${mon(s)}国内${s.kind.zh}市场销售${s.units}台，${trend(s)}。其中出口${exported(s)}台，占比约${s.share}%。`,
    (s) =>
      `${s.month}月${s.kind.zh}平均开工率为${s.rate}%，单台月均作业${s.hours}小时，${s.city.provinceZh}等地开工情况好于全国平均水平。`,
    (s) => `${s.market.region.zh}需求保持旺盛，国产${s.kind.zh}出口结构持续优化，中高端机型占比提高。`,
  ],
  leads: [
    (s) =>
      html`据行业协会统计，${mon(s)}纳入统计的主要制造企业共销售${s.kind.zh}${strong(`${s.units}台`)}，${trend(s)}。其中，出口${exported(s)}台，出口占比约${s.share}%。`,
    (s) =>
      html`${mon(s)}，全国${s.kind.zh}平均开工率为${strong(`${s.rate}%`)}，单台设备月均作业${s.hours}小时。分区域看，${s.city.provinceZh}、${s.city2.provinceZh}等地开工情况好于全国平均水平。`,
    (s) =>
      html`海关数据显示，${mon(s)}我国${s.kind.zh}出口金额${strong(`${s.amount}亿元`)}，同比增长${s.growth}%。${s.market.region.zh}、中亚和非洲是增长最快的几个区域。`,
  ],
  paragraphs: [
    (s) =>
      html`分月度看，${s.kind.zh}市场自年初以来呈现“前低后高”的走势，${s.month}月销量${s.up ? '已连续多月实现同比增长' : '同比降幅较上月收窄'}。业内人士认为，${s.policy.zh}相关政策的落地是需求变化的重要推手。`,
    (s) =>
      html`出口方面，${s.market.region.zh}市场表现突出。以${s.market.country.zh}为例，当月从中国进口的${s.kind.zh}金额同比增长${s.growth}%，中高端机型占比明显提高。`,
    (s) =>
      html`从产品结构看，${s.spec.zh}产品依然是市场主力，销量占比约${s.share}%；大型化和小型化两端的产品增速快于行业平均，反映出矿山开采和城市微型施工两类需求同时走强。`,
    () =>
      html`价格方面，主流机型终端成交价总体平稳，部分企业通过延长质保、赠送保养等方式促进销售，整体价格竞争较上年有所缓和。`,
    (s) =>
      s.b &&
      html`品牌格局方面，${s.b.zh}以约${s.share}%的份额位居国内市场前列，其${strong(s.b.model)}等主力机型在${s.city.provinceZh}等区域销量领先。`,
    (s) => s.b2 && html`${s.b2.zh}表现同样亮眼，当月在${s.market.region.zh}市场的出口量同比增长${s.lift}%。`,
    () =>
      html`分区域看，西南、华中地区开工小时数环比增长较快，西北地区受季节因素影响略有回落，东部沿海地区则保持相对平稳。`,
    (s) =>
      html`展望后市，随着专项债发行节奏加快和重大项目陆续开工，多家机构预计${s.kind.zh}国内需求将继续修复，全年销量有望${s.up ? '保持增长' : '实现企稳'}。`,
  ],
  lists: [
    (s) => ({
      heading: `${mon(s)}数据速览`,
      items: [
        `销量：${s.units}台`,
        `同比：${s.up ? '+' : '-'}${s.pct}%`,
        `出口占比：${s.share}%`,
        `平均开工率：${s.rate}%`,
      ],
    }),
    (s) => ({
      heading: '区域表现',
      items: [
        `${s.city.provinceZh}：开工率高于全国平均`,
        `${s.city2.provinceZh}：新增需求以${s.spec.zh}产品为主`,
        `${s.market.region.zh}：出口额同比增长${s.growth}%`,
      ],
    }),
  ],
};
