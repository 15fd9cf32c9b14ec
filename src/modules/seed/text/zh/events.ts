/** 展会与会议: exhibitions and launches on the stand, or industry forums — each story is one or the other. */
import { html, strong } from '../../html.ts';
import { atExpo, atForum, type ColumnTexts } from '../types.ts';

export const events: ColumnTexts = {
  titles: [
    atExpo((s) => s.b && `${s.expo.zh}开幕在即 ${s.b.zh}将携${s.count}款新品参展`),
    atExpo((s) => s.b && `${s.expo.zh}｜${s.b.zh}${s.b.model}首发亮相`),
    atExpo((s) => `${s.expo.zh}观察：电动化与智能化成为${s.kind.zh}展区关键词`),
    atExpo((s) => s.b && s.b2 && `${s.expo.zh}现场签约${s.amount}亿元 ${s.b.zh}、${s.b2.zh}收获多笔订单`),
    atExpo((s) => `直击${s.expo.zh}：${s.kind.zh}展区人气旺`),
    atExpo((s) => s.b && `展会前瞻｜${s.b.zh}将在${s.expo.zh}展出${s.spec.zh}${s.kind.zh}`),
    atExpo((s) => s.b2 && `${s.b2.zh}亮相${s.expo.zh} ${s.b2.model}吸引${s.market.region.zh}客商`),
    atForum((s) => `${s.forum.zh}在${s.city.zh}举行 聚焦${s.kind.zh}行业新机遇`),
    atForum((s) => `${s.forum.zh}：与会嘉宾热议${s.policy.zh}下的行业发展`),
    atForum((s) => s.b && `${s.forum.zh}召开 ${s.b.zh}分享${s.market.region.zh}市场拓展经验`),
  ],
  summaries: [
    atExpo(
      (s) =>
        `本届${s.expo.zh}在${s.expo.cityZh}举办，国内外数百家企业参展，${s.kind.zh}展区集中展示了多款新品和新技术。`,
    ),
    atExpo((s) => s.b && `${s.b.zh}在展会期间发布了${s.b.model}等新品，并与多家客户签署合作协议。`),
    atForum((s) => `来自主机企业、租赁公司和施工企业的代表齐聚${s.city.zh}，共同探讨行业发展的新趋势。`),
  ],
  leads: [
    atExpo(
      (s) =>
        html`${s.month}月，${strong(s.expo.zh)}在${s.expo.cityZh}开幕。本届展会展览面积进一步扩大，吸引了来自全球的众多工程机械企业参展，${s.kind.zh}、新能源设备等展区人流如织。`,
    ),
    atExpo(
      (s) =>
        s.b &&
        html`在${s.expo.zh}上，${s.b.zh}展台前人头攒动。${s.b.zh}此次共带来${s.count}款展品，其中${strong(s.b.model)}${s.kind.zh}为全球首发。`,
    ),
    atForum(
      (s) =>
        html`近日，${strong(s.forum.zh)}在${s.city.zh}召开。来自主机企业、零部件供应商、租赁公司和施工企业的${s.count * 30}余位代表参会，围绕${s.policy.zh}、海外市场和数字化转型等议题展开交流。`,
    ),
  ],
  paragraphs: [
    atExpo(
      (s) =>
        html`记者在展会现场注意到，电动化产品的比例明显提高。多家企业展出了纯电动${s.kind.zh}、混合动力产品以及配套的充换电设施，部分产品已进入批量交付阶段。`,
    ),
    atExpo(
      (s) =>
        html`智能化展品同样吸引了不少观众驻足。远程遥控、自动找平、智能称重等功能已逐渐成为中高端${s.kind.zh}的标配，一些企业还在现场演示了多机协同作业。`,
    ),
    atExpo(
      (s) =>
        s.b &&
        html`${s.b.zh}相关负责人在接受采访时表示，展会是企业展示技术实力、对接海外客户的重要窗口。展会期间，公司已与${s.market.country.zh}等国家的经销商签署合作意向。`,
    ),
    atExpo(
      (s) =>
        s.b2 &&
        html`${s.b2.zh}展台则以“绿色施工”为主题，集中展示了${strong(s.b2.model)}等多款产品，现场签约金额超过${s.amount}亿元。`,
    ),
    atExpo(
      (s) =>
        html`主办方介绍，本届展会专业观众数量较上届增长${s.lift}%，其中海外观众占比明显提升，来自${s.market.region.zh}的观众数量增幅居前。`,
    ),
    atExpo(
      (s) =>
        html`除整机外，零部件和数字化服务企业的展位也明显增多。有参展商表示，越来越多的${s.kind.zh}用户开始关注设备全生命周期管理，而不仅仅是购机价格。`,
    ),
    atForum(
      () =>
        html`论坛上，多位嘉宾指出，行业正处于由增量市场向存量市场转变的阶段，后市场服务、设备租赁和再制造将成为新的增长点。`,
    ),
    atForum(
      (s) =>
        html`与会代表认为，${s.policy.zh}将深刻影响未来几年的市场格局，企业应提前在产品规划和服务网络上做好准备。`,
    ),
    atForum(
      (s) =>
        s.b &&
        html`${s.b.zh}相关负责人在论坛上分享了公司在${s.market.region.zh}市场的拓展经验，认为本地化服务和配件保障是赢得客户的关键。`,
    ),
    atForum(
      (s) =>
        html`${s.kind.zh}租赁企业代表则表示，设备利用率和残值管理是当前经营中最大的挑战，呼吁行业加强数据共享与标准建设。`,
    ),
  ],
  lists: [
    atExpo((s) => ({
      heading: '展会信息',
      items: [
        `名称：${s.expo.zh}`,
        `地点：${s.expo.cityZh}`,
        `重点展区：${s.kind.zh}、新能源设备`,
        `参展亮点：${s.count}款首发新品`,
      ],
    })),
    atExpo(() => ({
      heading: '本届看点',
      items: ['电动化产品集中亮相', '远程遥控与智能施工演示', '海外采购商专场对接', '后市场与再制造专区'],
    })),
    atForum((s) => ({
      heading: '会议议题',
      items: [s.policy.zh, '海外市场拓展', '数字化转型与智能施工', '后市场服务与再制造'],
    })),
  ],
};
