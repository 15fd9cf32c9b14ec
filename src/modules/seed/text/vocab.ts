/**
 * Shared vocabulary for the generated stories: places, overseas markets, exhibitions, project
 * types, policy themes and bylines. Every entry carries both languages so one story can be told in
 * Chinese or in English from the same draw.
 */

export interface Words {
  zh: string;
  en: string;
}

export interface City extends Words {
  provinceZh: string;
  provinceEn: string;
}

const city = (zh: string, en: string, provinceZh: string, provinceEn: string): City => ({
  zh,
  en,
  provinceZh,
  provinceEn,
});
const w = (zh: string, en: string): Words => ({ zh, en });

export const CITIES: City[] = [
  city('长沙', 'Changsha', '湖南', 'Hunan'),
  city('徐州', 'Xuzhou', '江苏', 'Jiangsu'),
  city('柳州', 'Liuzhou', '广西', 'Guangxi'),
  city('临沂', 'Linyi', '山东', 'Shandong'),
  city('济宁', 'Jining', '山东', 'Shandong'),
  city('杭州', 'Hangzhou', '浙江', 'Zhejiang'),
  city('合肥', 'Hefei', '安徽', 'Anhui'),
  city('成都', 'Chengdu', '四川', 'Sichuan'),
  city('重庆', 'Chongqing', '重庆', 'Chongqing'),
  city('武汉', 'Wuhan', '湖北', 'Hubei'),
  city('西安', "Xi'an", '陕西', 'Shaanxi'),
  city('郑州', 'Zhengzhou', '河南', 'Henan'),
  city('乌鲁木齐', 'Urumqi', '新疆', 'Xinjiang'),
  city('昆明', 'Kunming', '云南', 'Yunnan'),
  city('贵阳', 'Guiyang', '贵州', 'Guizhou'),
  city('广州', 'Guangzhou', '广东', 'Guangdong'),
  city('上海', 'Shanghai', '上海', 'Shanghai'),
  city('天津', 'Tianjin', '天津', 'Tianjin'),
  city('沈阳', 'Shenyang', '辽宁', 'Liaoning'),
  city('太原', 'Taiyuan', '山西', 'Shanxi'),
  city('鄂尔多斯', 'Ordos', '内蒙古', 'Inner Mongolia'),
  city('兰州', 'Lanzhou', '甘肃', 'Gansu'),
  city('福州', 'Fuzhou', '福建', 'Fujian'),
  city('南昌', 'Nanchang', '江西', 'Jiangxi'),
  city('石家庄', 'Shijiazhuang', '河北', 'Hebei'),
  city('南宁', 'Nanning', '广西', 'Guangxi'),
];

/** Export markets: a region and a country in it. */
export const MARKETS: { region: Words; country: Words }[] = [
  { region: w('东南亚', 'Southeast Asia'), country: w('印度尼西亚', 'Indonesia') },
  { region: w('东南亚', 'Southeast Asia'), country: w('越南', 'Vietnam') },
  { region: w('东南亚', 'Southeast Asia'), country: w('泰国', 'Thailand') },
  { region: w('中东', 'the Middle East'), country: w('沙特阿拉伯', 'Saudi Arabia') },
  { region: w('中东', 'the Middle East'), country: w('阿联酋', 'the UAE') },
  { region: w('非洲', 'Africa'), country: w('南非', 'South Africa') },
  { region: w('非洲', 'Africa'), country: w('坦桑尼亚', 'Tanzania') },
  { region: w('拉美', 'Latin America'), country: w('巴西', 'Brazil') },
  { region: w('拉美', 'Latin America'), country: w('智利', 'Chile') },
  { region: w('拉美', 'Latin America'), country: w('墨西哥', 'Mexico') },
  { region: w('中亚', 'Central Asia'), country: w('哈萨克斯坦', 'Kazakhstan') },
  { region: w('欧洲', 'Europe'), country: w('德国', 'Germany') },
  { region: w('大洋洲', 'Oceania'), country: w('澳大利亚', 'Australia') },
];

export interface Expo extends Words {
  cityZh: string;
  cityEn: string;
}

export const EXPOS: Expo[] = [
  { zh: 'bauma CHINA', en: 'bauma CHINA', cityZh: '上海', cityEn: 'Shanghai' },
  {
    zh: '长沙国际工程机械展览会',
    en: 'Changsha International Construction Equipment Exhibition',
    cityZh: '长沙',
    cityEn: 'Changsha',
  },
  { zh: 'CONEXPO-CON/AGG', en: 'CONEXPO-CON/AGG', cityZh: '拉斯维加斯', cityEn: 'Las Vegas' },
  { zh: '德国慕尼黑 bauma 展', en: 'bauma', cityZh: '慕尼黑', cityEn: 'Munich' },
  { zh: '法国 Intermat 展', en: 'Intermat', cityZh: '巴黎', cityEn: 'Paris' },
  { zh: '北京国际工程机械展览会', en: 'BICES', cityZh: '北京', cityEn: 'Beijing' },
];

/** Industry conferences invented for the demo (no real event is described). */
export const FORUMS: Words[] = [
  w('工程机械后市场发展论坛', 'Construction Equipment Aftermarket Forum'),
  w('工程机械电动化技术研讨会', 'Electrification in Construction Machinery Symposium'),
  w('工程机械数字化与智能施工大会', 'Digital Jobsite Conference'),
  w('高空作业平台租赁年会', 'Aerial Platform Rental Summit'),
  w('矿山装备绿色发展论坛', 'Green Mining Equipment Forum'),
  w('二手工程机械流通峰会', 'Used Equipment Trade Summit'),
];

export const PROJECTS: Words[] = [
  w('高速公路改扩建工程', 'expressway widening project'),
  w('抽水蓄能电站', 'pumped-storage hydropower station'),
  w('水利枢纽工程', 'water-conservancy project'),
  w('城市更新项目', 'urban renewal project'),
  w('高标准农田建设', 'farmland improvement programme'),
  w('城际铁路', 'intercity railway'),
  w('机场扩建工程', 'airport expansion'),
  w('大型光伏基地', 'utility-scale solar base'),
  w('露天煤矿', 'open-pit coal mine'),
  w('港口码头', 'port terminal'),
  w('地铁线路', 'metro line'),
  w('物流园区', 'logistics park'),
  w('风电场', 'wind farm'),
];

export const POLICY_THEMES: Words[] = [
  w('大规模设备更新', 'large-scale equipment renewal'),
  w('非道路移动机械第四阶段排放标准', 'China IV emission standard for non-road machinery'),
  w('老旧工程机械以旧换新', 'trade-in of old construction machinery'),
  w('特种设备安全监管', 'special-equipment safety supervision'),
  w('非道路移动机械编码登记', 'registration coding of non-road mobile machinery'),
  w('新能源工程机械推广应用', 'promotion of new-energy construction machinery'),
  w('建筑施工扬尘与噪声治理', 'construction dust and noise control'),
];

export const SOURCES_ZH = ['CCM 编辑部', '本站记者', 'CCM 市场研究部', 'CCM 特约通讯员', 'CCM 技术频道'];
export const SOURCES_EN = ['CCM Newsroom', 'CCM Staff Reporter', 'CCM Market Research'];

export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
