/** 行业新闻: company moves, deliveries, plants, overseas expansion. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';
import { milestone } from './util.ts';

export const news: ColumnTexts = {
  titles: [
    (s) => s.b && `${s.b.zh}${s.city.zh}产业园二期投产 ${s.kind.zh}产能提升${s.gain}%`,
    (s) => s.b && `${s.b.zh}斩获${s.market.country.zh}${s.orders}台${s.kind.zh}订单`,
    (s) => s.b && `${s.orders}台${s.b.zh}${s.kind.zh}批量交付${s.city.provinceZh}${s.project.zh}`,
    (s) => s.b && s.b2 && `${s.city.provinceZh}${s.project.zh}设备招标揭晓 ${s.b.zh}、${s.b2.zh}分获主要标段`,
    (s) => `${s.month}月${s.city.provinceZh}重点项目集中开工 ${s.kind.zh}需求明显回暖`,
    (s) => `${s.market.region.zh}基建热度不减 国产${s.kind.zh}出口订单持续增长`,
    (s) => s.b && `${s.b.zh}海外业务提速 ${s.market.region.zh}市场收入同比增长${s.pct}%`,
    (s) => s.b && `${s.b.zh}${s.market.country.zh}子公司正式运营 深耕${s.market.region.zh}市场`,
    (s) => s.b && `${s.b.zh}再制造中心落户${s.city.zh} 年处理能力${s.count * 100}台`,
    (s) => `${s.city.provinceZh}${s.project.zh}进入施工高峰 ${s.count * 10}余台${s.kind.zh}同场作业`,
    (s) => s.b && `${s.b.zh}${milestone(s)}${s.kind.zh}在${s.city.zh}下线`,
    (s) => s.b && `${s.b.zh}服务网络再扩容 ${s.city.provinceZh}新增${s.count}家${s.kind.zh}服务站`,
  ],
  summaries: [
    (s) =>
      s.b &&
      `${s.b.zh}近日在${s.city.zh}宣布相关进展，涉及${s.spec.zh}${s.kind.zh}等多款产品。业内人士认为，此举将进一步巩固其在细分市场的地位。`,
    (s) =>
      `受${s.project.zh}等项目带动，${s.city.provinceZh}地区${s.kind.zh}需求持续释放。多家企业表示，订单排产已延续至下一季度。`,
    (s) =>
      `${s.market.region.zh}市场对中国${s.kind.zh}的认可度不断提高，出口量${s.up ? '保持增长' : '高位企稳'}。`,
    (s) => s.b && `${s.b.zh}方面表示，将继续加大在${s.market.region.zh}等市场的投入，完善本地化服务体系。`,
  ],
  leads: [
    (s) =>
      s.b &&
      html`近日，${s.b.zh}在${s.city.zh}举行仪式，宣布其${s.kind.zh}相关项目取得阶段性进展。据介绍，此次涉及的${strong(s.b.model)}等机型主要面向${s.project.zh}等施工场景，${s.orders}台设备将于年内陆续交付。`,
    (s) =>
      html`${s.month}月以来，${s.city.provinceZh}多个${s.project.zh}相继进入施工高峰，带动当地${s.kind.zh}需求明显回升。记者在${s.city.zh}走访多家经销商了解到，${s.spec.zh}产品的咨询量较上月增加约${s.lift}%。`,
    (s) =>
      html`据${s.city.zh}当地媒体报道，${s.city.provinceZh}${s.project.zh}建设正在加快推进，现场投入各类工程机械${s.count * 10}余台，其中${s.kind.zh}占比接近三成。`,
    (s) =>
      s.b &&
      html`${s.b.zh}日前披露，公司${s.market.region.zh}区域${s.kind.zh}销售额同比${s.up ? '增长' : '下降'}${strong(`${s.pct}%`)}，${s.market.country.zh}已成为其在该区域最重要的单一市场之一。`,
  ],
  paragraphs: [
    (s) =>
      s.b &&
      html`${s.b.zh}相关负责人介绍，近年来公司持续推进数字化工厂建设，关键工序自动化率明显提升，${s.kind.zh}单台生产周期缩短约${s.cut}%。新产线投用后可实现多品种、小批量的柔性生产，更好地满足不同市场的定制需求。`,
    (s) =>
      html`从施工现场的反馈看，用户对设备可靠性、燃油经济性和售后响应速度的要求越来越高。一位在${s.city.zh}从事土方施工多年的机手告诉记者，现在选设备“不只看价格，更要看一年下来的综合成本”。`,
    (s) =>
      html`业内分析认为，${s.project.zh}等项目对${s.kind.zh}的需求具有周期长、工况复杂的特点，这对主机企业的产品适应性和服务保障能力提出了更高要求。`,
    (s) =>
      html`${s.market.region.zh}市场方面，随着当地基础设施投资持续增加，${s.market.country.zh}等国家对中高端${s.kind.zh}的需求快速增长。多家国内企业已在当地设立备件中心和培训中心，服务半径进一步缩小。`,
    (s) =>
      s.b &&
      s.b2 &&
      html`值得注意的是，${s.b2.zh}同期也加快了在该领域的布局，其${strong(s.b2.model)}在多个项目中与${s.b.zh}的产品同场作业，市场竞争日趋激烈。`,
    () =>
      html`从产业链角度看，发动机、液压件等核心零部件供应趋于稳定，钢材等原材料价格波动收窄，主机企业的成本压力较上年有所缓解。`,
    (s) =>
      s.b &&
      html`据了解，${s.b.zh}已在全国布局${s.count * 30}余家服务网点，并承诺在${s.city.provinceZh}等重点区域实现“2小时到场、24小时修复”的服务标准。`,
    (s) =>
      html`${s.city.zh}住建部门相关人士表示，将加强施工机械进场管理，推动老旧设备有序退出，鼓励施工单位优先选用低排放、智能化设备。`,
  ],
  lists: [
    (s) =>
      s.b && {
        heading: '项目要点',
        items: [
          `交付机型：${s.b.model}`,
          `设备数量：${s.orders}台`,
          `主要工况：${s.project.zh}`,
          `服务保障：驻场服务工程师${s.count}名`,
        ],
      },
    (s) => ({
      heading: '市场观察',
      items: [
        `${s.city.provinceZh}地区${s.kind.zh}开工率约${s.rate}%`,
        `单台设备月均作业${s.hours}小时`,
        `${s.spec.zh}产品最受关注`,
      ],
    }),
  ],
};
