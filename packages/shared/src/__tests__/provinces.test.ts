/** Province names as data spells them land on one of the 34 divisions (and so on one feature of the map). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalProvinceName, PROVINCES, provinceMapName, provinceOf } from '../provinces';

const CHINA_GEO = path.resolve(import.meta.dirname, '../../../../../shared/data/china-geo/provinces.geojson');
const hasChinaGeo = fs.existsSync(CHINA_GEO);

describe('provinceOf', () => {
  it('When the 34 divisions are listed, Then codes, names and map names are unique and include 台湾, 香港, 澳门', () => {
    expect(PROVINCES).toHaveLength(34);
    for (const key of ['code', 'name', 'mapName', 'en'] as const)
      expect(new Set(PROVINCES.map((p) => p[key])).size, key).toBe(34);
    expect(PROVINCES.map((p) => p.mapName)).toEqual(expect.arrayContaining(['台湾', '香港', '澳门']));
  });

  it('When a province is named in full, short, in English or by code, Then each lands on it', () => {
    for (const p of PROVINCES)
      for (const name of [p.name, p.mapName, p.en, p.en.toUpperCase(), p.code, ...(p.aliases ?? [])])
        expect(provinceOf(name)?.code, name).toBe(p.code);
  });

  it('When names carry spaces, suffixes or variants, Then they still land on the right province', () => {
    const cases: [string, string][] = [
      [' 广东省 ', '440000'],
      ['广东', '440000'],
      ['Guangdong Province', '440000'],
      ['guangdong sheng', '440000'],
      ['内蒙古', '150000'],
      ['Inner Mongolia Autonomous Region', '150000'],
      ['广西壮族自治区', '450000'],
      ['新疆维吾尔自治区', '650000'],
      ['宁夏回族自治区', '640000'],
      ['Hong Kong SAR', '810000'],
      ['香港特别行政区', '810000'],
      ['Macau', '820000'],
      ['Tibet', '540000'],
      ['陕西', '610000'],
      ['山西', '140000'],
      ['Shaanxi', '610000'],
      ['Shanxi', '140000'],
      ['北京市', '110000'],
    ];
    for (const [name, code] of cases) expect(provinceOf(name)?.code, name).toBe(code);
  });

  it('When a name is no province, Then the answer is null and the name is kept as it is', () => {
    for (const name of ['', '   ', '广州', '火星省', 'Atlantis', '44', null, undefined])
      expect(provinceOf(name), String(name)).toBeNull();
    expect(canonicalProvinceName('广东')).toBe('广东省');
    expect(canonicalProvinceName(' 火星 ')).toBe('火星');
    expect(provinceMapName('内蒙古自治区')).toBe('内蒙古');
    expect(provinceMapName('火星')).toBeNull();
  });

  it.skipIf(!hasChinaGeo)(
    'When the public China boundaries (../shared/data/china-geo) are read, Then each of their 34 province names lands on the province with their code',
    () => {
      const geo = JSON.parse(fs.readFileSync(CHINA_GEO, 'utf8')) as {
        features: { properties: { 地名: string; 区划码: string; name: string } }[];
      };
      expect(geo.features).toHaveLength(34);
      for (const f of geo.features) {
        expect(provinceOf(f.properties.地名)?.code, f.properties.地名).toBe(f.properties.区划码);
        expect(provinceOf(f.properties.name)?.code, f.properties.name).toBe(f.properties.区划码);
      }
    },
  );
});
