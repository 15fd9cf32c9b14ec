/** 二手与租赁: used-machine prices, exports of used equipment, rental rates and fleet management. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';

export const used: ColumnTexts = {
  titles: [
    (s) => `${s.month}月二手${s.kind.zh}价格指数${s.up ? '回升' : '回落'}${s.lift}% ${s.spec.zh}机型成交活跃`,
    (s) => s.b && `${s.age}年车龄的${s.b.zh}${s.b.model}还值多少钱？二手${s.kind.zh}估值参考`,
    (s) => `${s.city.provinceZh}${s.kind.zh}租赁市场观察：出租率维持在${s.rate}%`,
    (s) => `二手${s.kind.zh}出口升温 ${s.market.region.zh}买家青睐中国设备`,
    (s) => `租赁商如何控制${s.kind.zh}闲置率？${s.city.zh}${s.count}家企业的经验`,
    (s) => `${s.city.zh}二手工程机械交易市场${s.month}月成交${s.orders}台`,
    (s) => s.b && `${s.b.zh}认证二手${s.kind.zh}业务上线 提供${s.count}个月质保`,
    (s) => `${s.kind.zh}租金${s.up ? '小幅上涨' : '稳中有降'} ${s.project.zh}带动短租需求`,
  ],
  summaries: [
    (s) =>
      `二手${s.kind.zh}市场${s.month}月交投${s.up ? '活跃' : '平淡'}，${s.spec.zh}机型仍是成交主力，车况好、手续全的设备溢价明显。`,
    (s) =>
      `受下游开工情况影响，${s.kind.zh}租赁价格${s.up ? '小幅上涨' : '稳中有降'}，头部租赁商加快设备调配和结构优化。`,
    (s) => `业内人士提醒，购买二手${s.kind.zh}应重点核查车况与手续，必要时委托第三方评估。`,
  ],
  leads: [
    (s) =>
      html`据${s.city.zh}二手工程机械交易市场统计，${s.month}月市场共成交各类二手设备${strong(`${s.orders}台`)}，其中${s.kind.zh}占比约${s.share}%，${s.spec.zh}机型成交量居首。`,
    (s) =>
      html`${s.month}月以来，${s.city.provinceZh}${s.kind.zh}租赁市场整体出租率维持在${strong(`${s.rate}%`)}左右。多家租赁商表示，${s.project.zh}等项目带来的短期租赁需求较为集中。`,
    (s) =>
      html`随着国内设备保有量持续增加，二手${s.kind.zh}的流通正变得越来越活跃。在${s.city.zh}，一家经营二手设备十余年的商户告诉记者，今年以来来看车的海外买家明显多了。`,
  ],
  paragraphs: [
    (s) =>
      html`从成交价格看，车龄${s.age}年左右、工作小时在${s.age * 1500}小时以内的${s.kind.zh}最受欢迎，成交价约为新机价格的${Math.round(s.rate - 10)}%。车况一般、保养记录不全的设备则需要较大幅度让价。`,
    (s) =>
      s.b &&
      html`以${s.b.zh}${strong(s.b.model)}为例，${s.age}年车龄、手续齐全的设备当前市场报价在${Math.round(s.price * 0.45)}万元左右，较去年同期${s.up ? '上涨' : '下跌'}约${s.lift}%。`,
    (s) =>
      html`二手设备出口是近年来的一大亮点。来自${s.market.region.zh}的买家更看重设备的性价比和耐用性，${s.market.country.zh}等国家对中国品牌二手${s.kind.zh}的需求持续增长。`,
    () =>
      html`租赁商普遍反映，设备管理的精细化程度直接决定了盈利水平。通过物联网平台，企业可以实时掌握每台设备的位置和作业时长，及时调配闲置设备。`,
    () =>
      html`业内人士提醒，购买二手设备时应重点检查发动机、液压泵和结构件，核实设备来源和手续，必要时可委托第三方机构进行评估。`,
    (s) =>
      html`从租金水平看，${s.spec.zh}${s.kind.zh}的月租金约为${Math.max(1, Math.round(s.price / 25))}万元至${Math.max(2, Math.round(s.price / 15))}万元，不同地区之间差异较大。`,
    (s) =>
      html`${s.city.zh}一家租赁公司负责人表示，公司目前在册设备${s.orders}台，平均车龄${s.age}年，今年计划处置部分老旧设备，同时补充一批新能源产品。`,
  ],
  lists: [
    () => ({
      heading: '选购建议',
      items: [
        '查看保养记录与工作小时',
        '检测发动机与液压系统',
        '核实发票与合格证等手续',
        '优先选择有质保的认证二手设备',
      ],
    }),
    (s) => ({
      heading: '本月行情',
      items: [`成交量：${s.orders}台`, `${s.kind.zh}占比：${s.share}%`, `平均出租率：${s.rate}%`],
    }),
  ],
};
