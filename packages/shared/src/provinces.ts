/**
 * China's 34 province-level divisions, and the one place that turns whatever name the data carries
 * (`广东省`, `广东`, `Guangdong`, `内蒙古自治区`, `Inner Mongolia`, `440000`, …) into one of them. The map of
 * China names its features by the short Chinese name (`mapName`), so data and map meet here.
 */
export type Province = {
  /** Administrative division code (区划码) of the province. */
  code: string;
  /** Official full name, e.g. 广西壮族自治区. */
  name: string;
  /** Short name, as the map's features are named, e.g. 广西. */
  mapName: string;
  /** English name. */
  en: string;
  /** Other spellings seen in data (pinyin, English variants). */
  aliases?: readonly string[];
};

const p = (code: string, name: string, mapName: string, en: string, aliases?: string[]): Province => ({
  code,
  name,
  mapName,
  en,
  ...(aliases ? { aliases } : {}),
});

export const PROVINCES: readonly Province[] = [
  p('110000', '北京市', '北京', 'Beijing', ['Peking']),
  p('120000', '天津市', '天津', 'Tianjin'),
  p('130000', '河北省', '河北', 'Hebei'),
  p('140000', '山西省', '山西', 'Shanxi'),
  p('150000', '内蒙古自治区', '内蒙古', 'Inner Mongolia', ['Nei Mongol', 'Neimenggu', 'Neimongol']),
  p('210000', '辽宁省', '辽宁', 'Liaoning'),
  p('220000', '吉林省', '吉林', 'Jilin'),
  p('230000', '黑龙江省', '黑龙江', 'Heilongjiang'),
  p('310000', '上海市', '上海', 'Shanghai'),
  p('320000', '江苏省', '江苏', 'Jiangsu'),
  p('330000', '浙江省', '浙江', 'Zhejiang'),
  p('340000', '安徽省', '安徽', 'Anhui'),
  p('350000', '福建省', '福建', 'Fujian'),
  p('360000', '江西省', '江西', 'Jiangxi'),
  p('370000', '山东省', '山东', 'Shandong'),
  p('410000', '河南省', '河南', 'Henan'),
  p('420000', '湖北省', '湖北', 'Hubei'),
  p('430000', '湖南省', '湖南', 'Hunan'),
  p('440000', '广东省', '广东', 'Guangdong'),
  p('450000', '广西壮族自治区', '广西', 'Guangxi'),
  p('460000', '海南省', '海南', 'Hainan'),
  p('500000', '重庆市', '重庆', 'Chongqing'),
  p('510000', '四川省', '四川', 'Sichuan'),
  p('520000', '贵州省', '贵州', 'Guizhou'),
  p('530000', '云南省', '云南', 'Yunnan'),
  p('540000', '西藏自治区', '西藏', 'Xizang', ['Tibet']),
  p('610000', '陕西省', '陕西', 'Shaanxi'),
  p('620000', '甘肃省', '甘肃', 'Gansu'),
  p('630000', '青海省', '青海', 'Qinghai'),
  p('640000', '宁夏回族自治区', '宁夏', 'Ningxia'),
  p('650000', '新疆维吾尔自治区', '新疆', 'Xinjiang'),
  p('710000', '台湾省', '台湾', 'Taiwan'),
  p('810000', '香港特别行政区', '香港', 'Hong Kong', ['HongKong', 'HKSAR']),
  p('820000', '澳门特别行政区', '澳门', 'Macao', ['Macau', 'Aomen']),
];

/** Suffixes of Chinese province names, longest first (`维吾尔自治区` before `自治区`). */
const ZH_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];
/** English words that may follow a name: `Guangdong Province`, `Hong Kong SAR`, `Beijing Shi`. */
const EN_SUFFIXES = [
  'autonomousregion',
  'specialadministrativeregion',
  'municipality',
  'province',
  'sheng',
  'shi',
  'sar',
];

const latinKey = (s: string) => s.toLowerCase().replace(/[\s\-_'’.]/g, '');

const byKey = new Map<string, Province>();
for (const prov of PROVINCES) {
  byKey.set(prov.name, prov);
  byKey.set(prov.mapName, prov);
  byKey.set(prov.code, prov);
  for (const latin of [prov.en, ...(prov.aliases ?? [])]) byKey.set(latinKey(latin), prov);
}

/**
 * The province a name in the data means, or null when it is none of the 34. Accepts full and short Chinese
 * names, English and pinyin names (any case, spaces, `Province` / `SAR` suffixes) and division codes.
 */
export function provinceOf(raw: string | null | undefined): Province | null {
  if (!raw) return null;
  const name = raw.replace(/\s+/g, '');
  if (name.length === 0) return null;
  const direct = byKey.get(name);
  if (direct) return direct;
  for (const suffix of ZH_SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) {
      const hit = byKey.get(name.slice(0, -suffix.length));
      if (hit) return hit;
    }
  }
  const latin = latinKey(raw);
  const hit = byKey.get(latin);
  if (hit) return hit;
  for (const suffix of EN_SUFFIXES) {
    if (latin.length > suffix.length && latin.endsWith(suffix)) {
      const stripped = byKey.get(latin.slice(0, -suffix.length));
      if (stripped) return stripped;
    }
  }
  return null;
}

/**
 * The name an area is reported under: the official full name when the province is known (so `广东` and
 * `广东省` in one data set count as one province), else the name as the data spells it.
 */
export function canonicalProvinceName(raw: string): string {
  return provinceOf(raw)?.name ?? raw.trim();
}

/** The map feature a province name lands on (short Chinese name), or null when it is not a province. */
export function provinceMapName(raw: string): string | null {
  return provinceOf(raw)?.mapName ?? null;
}
