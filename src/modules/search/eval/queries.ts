/**
 * The search quality set over the demo content (src/modules/seed): what a reader would type, and
 * the demo articles that answer it, named by a piece of their title that does not depend on the
 * seeding date (titles carry months). Queries mix model numbers, brands (with the names people
 * use, such as 三一重工), machine classes, topics and English terms, one and two words; the
 * expected articles were read off the demo's article list, not produced by the search.
 */
export interface EvalCase {
  q: string;
  /** Title fragments; every demo article whose title contains one is expected. */
  expect: string[];
}

export const EVAL_CASES: EvalCase[] = [
  // Model numbers and brands
  { q: 'STC800C', expect: ['三一STC800C'] },
  { q: 'SY75E', expect: ['小型挖掘机SY75E'] },
  { q: '三一 履带起重机', expect: ['三一STC800C', '西安举行 聚焦履带起重机'] },
  {
    q: '三一重工 塔式起重机',
    expect: ['三一第8千台塔式起重机', '三一第12千台塔式起重机', '塔式起重机液压系统节能'],
  },
  { q: '中联重科 南非', expect: ['中联重科南非子公司'] },
  { q: '徐工 下线', expect: ['徐工第12万台挖掘机'] },
  { q: '龙工 澳大利亚', expect: ['龙工斩获澳大利亚'] },
  { q: '杰西博 露天煤矿', expect: ['杰西博挖掘机批量交付'] },
  { q: '小松 招标', expect: ['露天煤矿设备招标揭晓'] },
  { q: '斗山 再制造', expect: ['斗山再制造中心'] },
  { q: '沃尔沃 装载机', expect: ['滑移装载机L75Electric', '装载机闲置率？南昌'] },
  { q: '浙江鼎力', expect: ['浙江鼎力亮相'] },
  { q: '杭叉 新品', expect: ['杭叉将携'] },
  // Machine classes and topics
  { q: '滑移装载机', expect: ['滑移装载机'] },
  { q: '矿用挖掘机', expect: ['矿用挖掘机'] },
  { q: '纯电动 搅拌站', expect: ['纯电动混凝土搅拌站'] },
  { q: '混凝土泵车 销量', expect: ['混凝土泵车销量'] },
  { q: '叉车品牌榜', expect: ['叉车品牌榜'] },
  { q: '编码登记 叉车', expect: ['叉车进场须完成编码登记'] },
  { q: '以旧换新 兰州', expect: ['兰州启动老旧工程机械以旧换新'] },
  { q: '扬尘 噪声', expect: ['扬尘与噪声治理'] },
  { q: '陕西 更新补贴', expect: ['陕西发布工程机械更新补贴'] },
  { q: '数字孪生', expect: ['数字孪生如何提升'] },
  { q: '无人化作业', expect: ['无人化作业解决方案'] },
  { q: '5G专网', expect: ['5G专网助力'] },
  { q: '故障预测', expect: ['故障预测模型'] },
  { q: '液压系统 节能', expect: ['液压系统节能技术'] },
  { q: '汽车起重机 纯电', expect: ['STC25H纯电版'] },
  { q: 'Intermat 中联重科', expect: ['Intermat 展开幕在即 中联重科'] },
  { q: 'CONEXPO 柳工', expect: ['柳工将在CONEXPO', '柳工、沃尔沃建筑设备收获'] },
  { q: '二手 估值', expect: ['估值参考'] },
  { q: '认证二手', expect: ['认证二手'] },
  { q: '闲置率', expect: ['闲置率'] },
  { q: '二手工程机械交易市场', expect: ['二手工程机械交易市场'] },
  { q: '隧道掘进机 租金', expect: ['隧道掘进机租金'] },
  // English
  { q: 'Zoomlion crawler cranes', expect: ['New 260 t Crawler Cranes'] },
  { q: 'battery-electric field trials', expect: ['Completes Field Trials of Battery-Electric'] },
  { q: 'predictive maintenance', expect: ['Predictive Maintenance Cuts'] },
  { q: 'excavator rental', expect: ['Excavator Rental in'] },
  { q: 'Caterpillar Fuzhou plant', expect: ['Caterpillar Opens Second Phase of Fuzhou Plant'] },
  { q: 'tunnel boring machine', expect: ['Tunnel Boring Machines'] },
  { q: 'mini excavators', expect: ['Mini Excavators'] },
  { q: 'truck cranes Oceania', expect: ['Truck Cranes to Oceania'] },
  { q: 'SANY BICES', expect: ['SANY to Show 8 New Machines at BICES'] },
  { q: 'trade-in', expect: ['Trade-In Of Old Construction Machinery'] },
  { q: 'used aerial work platforms prices', expect: ['Used Aerial Work Platforms Prices'] },
  { q: 'Liebherr R60-1', expect: ['Liebherr R60-1 Arrives'] },
];
