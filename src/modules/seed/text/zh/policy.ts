/** 政策法规: provincial programmes, emission rules, safety standards, subsidies. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';

export const policy: ColumnTexts = {
  titles: [
    (s) => `${s.city.provinceZh}出台${s.policy.zh}实施方案 涉及${s.kind.zh}等${s.count}类设备`,
    (s) => `${s.policy.zh}新规${s.month}月起实施 施工企业需关注哪些变化`,
    (s) => `解读｜${s.policy.zh}对${s.kind.zh}市场的影响`,
    (s) => `${s.city.zh}启动${s.policy.zh}专项行动 ${s.age}年以上老旧${s.kind.zh}将分批退出`,
    (s) => `${s.kind.zh}安全技术规范修订稿公开征求意见`,
    (s) => `${s.city.provinceZh}发布工程机械更新补贴细则 单台${s.kind.zh}最高补贴${s.count * 2}万元`,
    (s) => s.b && `${s.b.zh}积极响应${s.policy.zh} 推出${s.kind.zh}置换服务方案`,
    (s) => `${s.city.provinceZh}加强非道路移动机械监管 ${s.kind.zh}进场须完成编码登记`,
  ],
  summaries: [
    (s) =>
      `${s.city.provinceZh}近日印发相关方案，明确了${s.policy.zh}的时间表和路线图，${s.kind.zh}等施工设备被列为重点领域。`,
    () => '新规对施工企业的设备管理、使用登记和排放达标提出了更细致的要求，业内人士建议企业尽早做好准备。',
    (s) => `政策实施后，预计将带动一批老旧${s.kind.zh}集中更新，新能源与低排放产品有望率先受益。`,
  ],
  leads: [
    (s) =>
      html`近日，${s.city.provinceZh}相关部门联合印发关于推进${s.policy.zh}的实施方案（以下简称《方案》）。《方案》提出，到${s.year + 2}年，基本完成${s.age}年以上老旧${s.kind.zh}的更新替代，新能源设备在市政、园区等场景的应用比例进一步提高。`,
    (s) =>
      html`${strong(s.policy.zh)}相关规定将于${s.month}月起正式实施。与此前相比，新规在设备登记、日常检查和违规处罚等方面作出了更加明确的规定。`,
    (s) =>
      html`${s.city.zh}日前召开专题会议，部署${s.policy.zh}相关工作，要求各区县在年底前完成辖区内${s.kind.zh}等非道路移动机械的摸底排查。`,
  ],
  paragraphs: [
    (s) =>
      html`《方案》明确，对按期淘汰老旧设备并购置新设备的用户，将按照设备类型和排放等级给予一定补贴，其中${s.kind.zh}单台补贴最高${strong(`${s.count * 2}万元`)}，所需资金由省、市两级财政共同承担。`,
    (s) =>
      html`在执法层面，${s.city.zh}将依托非道路移动机械信息平台，对进入施工现场的设备实行编码登记和定位监控，未登记或排放不达标的设备不得进场作业。`,
    (s) =>
      html`业内人士指出，${s.policy.zh}对设备制造商而言既是挑战也是机遇。一方面，企业需要在排放控制、电动化和智能化方面加大投入；另一方面，存量设备的集中更新也将带来可观的新增需求。`,
    (s) =>
      html`对施工企业和设备租赁商来说，新规意味着设备管理成本的上升。一位${s.city.zh}租赁公司负责人表示，公司已开始梳理在册设备，计划分批处置${s.age}年以上的老旧${s.kind.zh}。`,
    (s) =>
      s.b &&
      html`${s.b.zh}方面表示，已针对${s.policy.zh}推出专项服务方案，用户置换${strong(s.b.model)}等新机可享受评估、回收、金融一站式服务。`,
    (s) =>
      html`据测算，全国工程机械保有量中，使用年限超过${s.age}年的设备占比约${s.share}%，更新需求规模可观，有望在未来两到三年内逐步释放。`,
    () =>
      html`专家建议，地方在执行过程中应注意政策的连续性和可操作性，兼顾中小施工企业的实际承受能力，为设备更新留出合理的过渡期。`,
  ],
  lists: [
    (s) => ({
      heading: '政策要点',
      items: [
        `适用范围：${s.city.provinceZh}全域`,
        `涉及设备：${s.kind.zh}等${s.count}类`,
        `实施时间：${s.year}年${s.month}月起`,
        `补贴上限：单台${s.count * 2}万元`,
      ],
    }),
    () => ({
      heading: '企业应对建议',
      items: [
        '全面梳理在册设备及排放等级',
        '按时完成编码登记与年度检查',
        '制定老旧设备分批更新计划',
        '关注补贴申报窗口与所需材料',
      ],
    }),
  ],
};
