/**
 * The regions CCM knows: every provincial-level division of China with a representative centre
 * (its capital) and its main cities, and the turning of coordinates into a region by the nearest
 * known centre. Pure data and arithmetic: no database, nothing kept.
 *
 * Nearest-centre is approximate by design: a point near a provincial border may be given the
 * neighbouring province, and a city is named only within CITY_RADIUS_KM of its centre. A few
 * centres of neighbouring countries make a point closer to one of them "outside the service area".
 */

export interface CityInfo {
  id: string;
  zh: string;
  en: string;
  lat: number;
  lon: number;
}

export interface ProvinceInfo {
  /** Lower-case pinyin slug (shanxi 山西 and shaanxi 陕西 as in their official spellings). */
  id: string;
  zh: string;
  en: string;
  /** The first city is the capital and the province's representative centre. */
  cities: readonly CityInfo[];
}

const c = (id: string, zh: string, en: string, lat: number, lon: number): CityInfo => ({
  id,
  zh,
  en,
  lat,
  lon,
});
const p = (id: string, zh: string, en: string, cities: CityInfo[]): ProvinceInfo => ({ id, zh, en, cities });

export const PROVINCES: readonly ProvinceInfo[] = [
  p('beijing', '北京', 'Beijing', [c('beijing', '北京', 'Beijing', 39.9, 116.4)]),
  p('tianjin', '天津', 'Tianjin', [c('tianjin', '天津', 'Tianjin', 39.13, 117.2)]),
  p('hebei', '河北', 'Hebei', [
    c('shijiazhuang', '石家庄', 'Shijiazhuang', 38.04, 114.51),
    c('tangshan', '唐山', 'Tangshan', 39.63, 118.18),
    c('baoding', '保定', 'Baoding', 38.87, 115.46),
    c('handan', '邯郸', 'Handan', 36.61, 114.49),
  ]),
  p('shanxi', '山西', 'Shanxi', [
    c('taiyuan', '太原', 'Taiyuan', 37.87, 112.55),
    c('datong', '大同', 'Datong', 40.08, 113.3),
  ]),
  p('neimenggu', '内蒙古', 'Inner Mongolia', [
    c('hohhot', '呼和浩特', 'Hohhot', 40.84, 111.75),
    c('baotou', '包头', 'Baotou', 40.66, 109.84),
    c('ordos', '鄂尔多斯', 'Ordos', 39.61, 109.78),
    c('chifeng', '赤峰', 'Chifeng', 42.26, 118.89),
    c('hulunbuir', '呼伦贝尔', 'Hulunbuir', 49.21, 119.77),
  ]),
  p('liaoning', '辽宁', 'Liaoning', [
    c('shenyang', '沈阳', 'Shenyang', 41.81, 123.43),
    c('dalian', '大连', 'Dalian', 38.91, 121.61),
  ]),
  p('jilin', '吉林', 'Jilin', [
    c('changchun', '长春', 'Changchun', 43.82, 125.32),
    c('jilin', '吉林', 'Jilin', 43.84, 126.55),
  ]),
  p('heilongjiang', '黑龙江', 'Heilongjiang', [
    c('harbin', '哈尔滨', 'Harbin', 45.8, 126.53),
    c('daqing', '大庆', 'Daqing', 46.59, 125.1),
    c('qiqihar', '齐齐哈尔', 'Qiqihar', 47.35, 123.92),
  ]),
  p('shanghai', '上海', 'Shanghai', [c('shanghai', '上海', 'Shanghai', 31.23, 121.47)]),
  p('jiangsu', '江苏', 'Jiangsu', [
    c('nanjing', '南京', 'Nanjing', 32.06, 118.8),
    c('suzhou', '苏州', 'Suzhou', 31.3, 120.59),
    c('wuxi', '无锡', 'Wuxi', 31.49, 120.31),
    c('xuzhou', '徐州', 'Xuzhou', 34.26, 117.18),
  ]),
  p('zhejiang', '浙江', 'Zhejiang', [
    c('hangzhou', '杭州', 'Hangzhou', 30.27, 120.16),
    c('ningbo', '宁波', 'Ningbo', 29.87, 121.55),
    c('wenzhou', '温州', 'Wenzhou', 28.0, 120.7),
  ]),
  p('anhui', '安徽', 'Anhui', [
    c('hefei', '合肥', 'Hefei', 31.82, 117.23),
    c('wuhu', '芜湖', 'Wuhu', 31.35, 118.43),
  ]),
  p('fujian', '福建', 'Fujian', [
    c('fuzhou', '福州', 'Fuzhou', 26.07, 119.3),
    c('xiamen', '厦门', 'Xiamen', 24.48, 118.09),
    c('quanzhou', '泉州', 'Quanzhou', 24.87, 118.68),
  ]),
  p('jiangxi', '江西', 'Jiangxi', [
    c('nanchang', '南昌', 'Nanchang', 28.68, 115.86),
    c('ganzhou', '赣州', 'Ganzhou', 25.83, 114.93),
  ]),
  p('shandong', '山东', 'Shandong', [
    c('jinan', '济南', 'Jinan', 36.65, 117.12),
    c('qingdao', '青岛', 'Qingdao', 36.07, 120.38),
    c('linyi', '临沂', 'Linyi', 35.1, 118.36),
    c('jining', '济宁', 'Jining', 35.41, 116.59),
    c('yantai', '烟台', 'Yantai', 37.46, 121.45),
  ]),
  p('henan', '河南', 'Henan', [
    c('zhengzhou', '郑州', 'Zhengzhou', 34.75, 113.63),
    c('luoyang', '洛阳', 'Luoyang', 34.62, 112.45),
    c('xinxiang', '新乡', 'Xinxiang', 35.3, 113.93),
  ]),
  p('hubei', '湖北', 'Hubei', [
    c('wuhan', '武汉', 'Wuhan', 30.59, 114.31),
    c('xiangyang', '襄阳', 'Xiangyang', 32.01, 112.12),
    c('yichang', '宜昌', 'Yichang', 30.69, 111.29),
  ]),
  p('hunan', '湖南', 'Hunan', [
    c('changsha', '长沙', 'Changsha', 28.23, 112.94),
    c('zhuzhou', '株洲', 'Zhuzhou', 27.83, 113.13),
    c('xiangtan', '湘潭', 'Xiangtan', 27.83, 112.94),
    c('hengyang', '衡阳', 'Hengyang', 26.89, 112.57),
    c('changde', '常德', 'Changde', 29.03, 111.7),
  ]),
  p('guangdong', '广东', 'Guangdong', [
    c('guangzhou', '广州', 'Guangzhou', 23.13, 113.26),
    c('shenzhen', '深圳', 'Shenzhen', 22.54, 114.06),
    c('foshan', '佛山', 'Foshan', 23.02, 113.12),
    c('dongguan', '东莞', 'Dongguan', 23.02, 113.75),
  ]),
  p('guangxi', '广西', 'Guangxi', [
    c('nanning', '南宁', 'Nanning', 22.82, 108.37),
    c('liuzhou', '柳州', 'Liuzhou', 24.33, 109.41),
    c('guilin', '桂林', 'Guilin', 25.27, 110.29),
  ]),
  p('hainan', '海南', 'Hainan', [
    c('haikou', '海口', 'Haikou', 20.04, 110.34),
    c('sanya', '三亚', 'Sanya', 18.25, 109.51),
  ]),
  p('chongqing', '重庆', 'Chongqing', [c('chongqing', '重庆', 'Chongqing', 29.56, 106.55)]),
  p('sichuan', '四川', 'Sichuan', [
    c('chengdu', '成都', 'Chengdu', 30.57, 104.07),
    c('mianyang', '绵阳', 'Mianyang', 31.47, 104.68),
    c('yibin', '宜宾', 'Yibin', 28.77, 104.64),
  ]),
  p('guizhou', '贵州', 'Guizhou', [
    c('guiyang', '贵阳', 'Guiyang', 26.65, 106.63),
    c('zunyi', '遵义', 'Zunyi', 27.73, 106.93),
  ]),
  p('yunnan', '云南', 'Yunnan', [
    c('kunming', '昆明', 'Kunming', 25.04, 102.71),
    c('qujing', '曲靖', 'Qujing', 25.49, 103.8),
    c('dali', '大理', 'Dali', 25.61, 100.27),
  ]),
  p('xizang', '西藏', 'Tibet', [
    c('lhasa', '拉萨', 'Lhasa', 29.65, 91.14),
    c('shigatse', '日喀则', 'Shigatse', 29.27, 88.88),
  ]),
  p('shaanxi', '陕西', 'Shaanxi', [
    c('xian', '西安', "Xi'an", 34.34, 108.94),
    c('baoji', '宝鸡', 'Baoji', 34.36, 107.24),
    c('yulin', '榆林', 'Yulin', 38.29, 109.73),
  ]),
  p('gansu', '甘肃', 'Gansu', [
    c('lanzhou', '兰州', 'Lanzhou', 36.06, 103.83),
    c('jiuquan', '酒泉', 'Jiuquan', 39.73, 98.49),
  ]),
  p('qinghai', '青海', 'Qinghai', [
    c('xining', '西宁', 'Xining', 36.62, 101.78),
    c('golmud', '格尔木', 'Golmud', 36.4, 94.9),
  ]),
  p('ningxia', '宁夏', 'Ningxia', [c('yinchuan', '银川', 'Yinchuan', 38.49, 106.23)]),
  p('xinjiang', '新疆', 'Xinjiang', [
    c('urumqi', '乌鲁木齐', 'Urumqi', 43.83, 87.62),
    c('kashgar', '喀什', 'Kashgar', 39.47, 75.99),
    c('karamay', '克拉玛依', 'Karamay', 45.58, 84.89),
    c('hami', '哈密', 'Hami', 42.82, 93.51),
  ]),
  p('hongkong', '香港', 'Hong Kong', [c('hongkong', '香港', 'Hong Kong', 22.32, 114.17)]),
  p('macau', '澳门', 'Macao', [c('macau', '澳门', 'Macao', 22.2, 113.54)]),
  p('taiwan', '台湾', 'Taiwan', [
    c('taipei', '台北', 'Taipei', 25.03, 121.56),
    c('kaohsiung', '高雄', 'Kaohsiung', 22.63, 120.3),
  ]),
];

export const PROVINCE_IDS = PROVINCES.map((pr) => pr.id) as [string, ...string[]];
const byId = new Map(PROVINCES.map((pr) => [pr.id, pr]));

export const provinceById = (id: string): ProvinceInfo | undefined => byId.get(id);

/** The province and city a Chinese city name (as the demo's stories spell it) belongs to. */
export function regionOfCityName(zh: string): { province: string; city: string } | undefined {
  for (const pr of PROVINCES) {
    const city = pr.cities.find((ci) => ci.zh === zh);
    if (city) return { province: pr.id, city: city.id };
  }
  return undefined;
}

/** Centres of neighbouring countries: a point nearer to one of them is outside the service area. */
const ABROAD: readonly [number, number][] = [
  [21.03, 105.85], // Hanoi
  [17.97, 102.63], // Vientiane
  [19.76, 96.08], // Naypyidaw
  [21.98, 96.08], // Mandalay
  [27.72, 85.32], // Kathmandu
  [27.47, 89.64], // Thimphu
  [28.61, 77.21], // New Delhi
  [34.08, 74.8], // Srinagar
  [33.68, 73.05], // Islamabad
  [38.56, 68.79], // Dushanbe
  [42.87, 74.59], // Bishkek
  [43.24, 76.89], // Almaty
  [47.92, 106.92], // Ulaanbaatar
  [49.98, 92.07], // Ulaangom
  [43.12, 131.89], // Vladivostok
  [48.48, 135.08], // Khabarovsk
  [52.03, 113.5], // Chita
  [39.04, 125.76], // Pyongyang
  [37.57, 126.98], // Seoul
  [35.18, 129.08], // Busan
  [35.68, 139.69], // Tokyo
  [14.6, 120.98], // Manila
  [26.21, 127.68], // Naha
];

/** Beyond this from every known centre the point is not in China (sea, or far abroad). */
const MAX_DISTANCE_KM = 700;
/** A city is named only this close to its centre; farther out only the province is. */
export const CITY_RADIUS_KM = 60;

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Located {
  province: ProvinceInfo;
  city: CityInfo | null;
}

/**
 * The region of a point, or undefined when it is outside the service area (outside China's
 * bounding box, nearer a neighbouring country's centre than to any Chinese one, or far from all).
 */
export function locate(latitude: number, longitude: number): Located | undefined {
  if (latitude < 3.5 || latitude > 53.6 || longitude < 73.4 || longitude > 135.1) return undefined;
  let best: { province: ProvinceInfo; city: CityInfo; km: number } | undefined;
  for (const province of PROVINCES) {
    for (const city of province.cities) {
      const km = distanceKm(latitude, longitude, city.lat, city.lon);
      if (!best || km < best.km) best = { province, city, km };
    }
  }
  if (!best || best.km > MAX_DISTANCE_KM) return undefined;
  const abroad = Math.min(...ABROAD.map(([la, lo]) => distanceKm(latitude, longitude, la, lo)));
  if (abroad < best.km) return undefined;
  return { province: best.province, city: best.km <= CITY_RADIUS_KM ? best.city : null };
}
