/** 技术: electrification, remote operation, predictive maintenance, hydraulics. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';

export const technology: ColumnTexts = {
  titles: [
    (s) =>
      s.b && s.electric
        ? `${s.kind.zh}电动化提速：${s.b.zh}${s.b.model}纯电版完成${Math.round(s.hours * 10)}小时工况验证`
        : undefined,
    (s) => `智能施工新突破 ${s.kind.zh}远程遥控作业在${s.city.zh}${s.project.zh}落地`,
    (s) => s.b && `${s.b.zh}发布${s.kind.zh}无人化作业解决方案`,
    (s) => `${s.kind.zh}液压系统节能技术研究进展`,
    (s) => `数字孪生如何提升${s.kind.zh}运维效率？来自${s.city.zh}的实践`,
    (s) => (s.b && s.electric ? `${s.b.zh}${s.kind.zh}换电方案亮相 单次换电仅需${s.count}分钟` : undefined),
    (s) => `${s.kind.zh}故障预测模型投入应用 非计划停机减少${s.cut}%`,
    (s) => s.b && `${s.b.zh}${s.kind.zh}核心零部件攻关取得进展`,
    (s) => `5G专网助力${s.project.zh}：${s.count}台${s.kind.zh}实现多机协同`,
  ],
  summaries: [
    (s) => `随着传感器、5G和人工智能技术的发展，${s.kind.zh}正在从“能干活”向“会干活”转变。`,
    (s) =>
      s.b && `${s.b.zh}技术负责人介绍，相关技术已在${s.project.zh}等场景完成验证，预计明年实现规模化应用。`,
    (s) => `业内专家认为，节能、智能与可靠性将是未来几年${s.kind.zh}技术竞争的主战场。`,
  ],
  leads: [
    (s) =>
      html`在${s.city.zh}的一处${s.project.zh}施工现场，几台${s.kind.zh}正在有条不紊地作业，驾驶室里却空无一人。操作人员坐在数十公里外的远程控制中心，通过多路高清视频和低时延网络对设备进行操控。`,
    (s) =>
      s.b &&
      html`近日，${s.b.zh}在${s.city.zh}研发中心对外介绍了其在${s.kind.zh}领域的最新技术成果。据介绍，相关技术围绕节能、智能和可靠性三个方向展开，已在${strong(s.b.model)}等机型上应用。`,
    (s) =>
      html`节能降耗一直是${s.kind.zh}技术发展的核心课题。在燃油成本和排放要求的双重压力下，行业正通过动力系统、液压系统和控制算法的协同优化寻求突破。`,
  ],
  paragraphs: [
    (s) =>
      html`从技术路线看，${s.kind.zh}的节能主要依靠发动机与液压系统的高效匹配。通过电控泵、负载敏感和能量回收等技术，整机在典型工况下可节能${strong(`${s.save}%`)}以上。`,
    (s) =>
      html`远程遥控和辅助驾驶的核心在于感知与通信。设备上加装的激光雷达、毫米波雷达和多目摄像头可实时构建周边环境模型，配合5G专网，控制指令的端到端时延可控制在${s.count * 10}毫秒以内。`,
    (s) =>
      html`数据是智能化的基础。目前主流企业已为新出厂的${s.kind.zh}标配物联网终端，通过对工作小时、能耗和故障码的分析，企业可以提前发现潜在故障，主动安排服务。`,
    (s) =>
      html`在可靠性方面，研发团队针对${s.project.zh}等恶劣工况开展了${Math.round(s.hours * 10)}小时的耐久试验，对结构件、液压管路和电气系统进行了多轮优化。`,
    (s) =>
      s.b &&
      html`${s.b.zh}相关负责人表示，下一步将加大在电驱系统、智能控制和核心液压件方面的研发投入，推动更多技术成果在${s.kind.zh}产品上落地。`,
    () =>
      html`专家认为，智能化技术的推广还面临标准不统一、成本偏高和用户接受度等问题，需要主机企业、零部件供应商和施工企业共同推动。`,
    (s) =>
      html`以故障预测为例，模型综合分析液压油温、发动机转速和振动数据，可在故障发生前数十小时发出预警。试点数据显示，非计划停机时间减少约${s.cut}%。`,
  ],
  lists: [
    (s) => ({
      heading: '技术亮点',
      items: ['多传感器融合感知', '低时延远程控制', `典型工况节能${s.save}%`, '故障预测与健康管理'],
    }),
    () => ({
      heading: '落地难点',
      items: ['复杂工况下的感知可靠性', '通信网络覆盖与稳定性', '行业标准与安全认证', '单机改造成本'],
    }),
  ],
};
