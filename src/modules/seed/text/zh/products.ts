/** 产品与新机: launches, test drives, comparisons. Every story here names at least one maker. */
import { html, strong } from '../../html.ts';
import type { ColumnTexts } from '../types.ts';

export const products: ColumnTexts = {
  titles: [
    (s) => s.b && `${s.b.zh}${s.b.model}${s.kind.zh}正式上市`,
    (s) => s.b && `${s.b.zh}发布新一代${s.spec.zh}${s.kind.zh}${s.b.model}`,
    (s) => s.b && `实测${s.b.zh}${s.b.model}：这台${s.spec.zh}${s.kind.zh}表现如何`,
    (s) => s.b && s.b2 && `${s.b.zh}${s.b.model}对比${s.b2.zh}${s.b2.model}：谁更适合${s.project.zh}`,
    (s) => s.b && `${s.electric ? '纯电动' : '全新'}${s.kind.zh}${s.b.model}亮相${s.city.zh}`,
    (s) => s.b && `${s.b.zh}${s.b.model}${s.electric ? '电动版' : '升级版'}来了：动力、效率与舒适性全面提升`,
    (s) => s.b && `${s.spec.zh}${s.kind.zh}再添新成员 ${s.b.zh}${s.b.model}面向${s.market.region.zh}市场推出`,
    (s) => s.b && `${s.b.zh}推出${s.b.model}：主打${s.project.zh}工况的${s.spec.zh}${s.kind.zh}`,
    (s) => s.b && `新机速递｜${s.b.zh}${s.b.model}首批${s.orders}台完成预订`,
  ],
  summaries: [
    (s) =>
      s.b &&
      `${s.b.zh}${s.b.model}定位${s.spec.zh}级别，针对${s.project.zh}等工况进行了优化。新机在动力系统、液压系统和驾驶环境方面均有升级。`,
    (s) =>
      s.b &&
      `${s.b.model}是${s.b.zh}在${s.kind.zh}领域的又一款重点产品，官方称其综合能耗较上一代降低${s.save}%。`,
    (s) => s.b && `新机标准配置参考价约${s.price}万元，已在${s.city.provinceZh}等地开放试驾。`,
  ],
  leads: [
    (s) =>
      s.b &&
      html`${s.month}月，${s.b.zh}在${s.city.zh}正式发布${strong(s.b.model)}${s.kind.zh}。该机定位${s.spec.zh}，主要面向${s.project.zh}、市政工程等作业场景，首批${s.orders}台已完成预订。`,
    (s) =>
      s.b &&
      html`作为${s.b.zh}今年推出的重点机型，${strong(s.b.model)}在外观上延续了家族化设计，在动力总成、液压系统和电控系统方面则进行了较大幅度的改进。`,
    (s) =>
      s.b &&
      html`近日，记者来到${s.city.zh}郊外的一处${s.project.zh}工地，对${s.b.zh}新近推出的${strong(s.b.model)}进行了为期两天的实地体验。`,
  ],
  paragraphs: [
    (s) =>
      s.electric
        ? undefined
        : html`动力方面，新机搭载满足国四排放标准的高效发动机，配合智能功率匹配技术，可根据负载自动调节转速。官方数据显示，在典型工况下综合油耗较上一代产品降低约${s.save}%。`,
    (s) =>
      html`液压系统采用负流量控制与独立合流设计，复合动作更加协调，在${s.project.zh}等重载工况下的作业效率提升明显。`,
    (s) =>
      html`驾驶室经过重新设计，视野更加开阔，座椅、空调和操纵手柄均做了人机工程优化。${s.count}英寸触控显示屏可实时显示能耗、作业时长和故障信息，便于机手掌握设备状态。`,
    (s) =>
      s.b &&
      html`智能化是新机的一大亮点。${s.b.model}标配远程监控终端，用户可通过手机查看设备位置、工作小时和保养提醒；部分配置还支持电子围栏、一键标定等功能。`,
    (s) =>
      html`在维护保养方面，新机将日常检查点集中布置，滤芯更换周期延长至${s.count * 100}小时，单次保养时间缩短约三分之一，进一步降低了使用成本。`,
    (s) =>
      s.b &&
      html`据经销商介绍，${s.b.model}标准配置售价约${strong(`${s.price}万元`)}，目前在${s.city.provinceZh}等地已开放试驾，并提供首付分期、以旧换新等多种购机方案。`,
    (s) =>
      html`在${s.city.zh}的试用现场，一位有${s.age}年操作经验的机手表示：“这台车动作柔和，爬坡和重载都不吃力，连续干一天下来也不太累。”`,
    (s) =>
      s.b &&
      s.b2 &&
      html`与同级别的${s.b2.zh}${strong(s.b2.model)}相比，${s.b.model}在整机重量和作业效率上略有优势，而后者在操控细腻度方面表现更为突出，用户可根据自身工况选择。`,
  ],
  lists: [
    (s) =>
      s.b && {
        heading: '主要参数',
        items: [
          `型号：${s.b.model}`,
          `级别：${s.spec.zh}`,
          `适用工况：${s.project.zh}`,
          `参考价格：约${s.price}万元`,
        ],
      },
    (s) => ({
      heading: '核心卖点',
      items: [
        s.electric ? '纯电驱动，零排放、低噪音' : '高效动力系统，综合能耗更低',
        '全新驾驶室，舒适性明显提升',
        '远程监控，保养提醒更及时',
        `${s.count * 100}小时长保养周期`,
      ],
    }),
  ],
};
