import fs from 'node:fs';
import path from 'node:path';
import { cityLabel } from '@portrait/shared/cities';
import { CITY_NAMES_EN } from '@portrait/shared/city-names';
import { describe, expect, it } from 'vitest';
import { CITIES } from '../catalog';
import { cityNamesModule, englishCityName } from '../city-names';

const GENERATED = path.resolve(import.meta.dirname, '../../../../../../packages/shared/src/city-names.ts');

describe('English city names', () => {
  it('When the table is made again from the demo cities, Then it equals the committed one', () => {
    expect(fs.readFileSync(GENERATED, 'utf8')).toBe(cityNamesModule(CITIES.map((c) => c.name)));
  });

  it('When any demo city is shown in English, Then it has its own Latin name', () => {
    const names = CITIES.map((c) => CITY_NAMES_EN[c.name]);
    for (const [i, name] of names.entries()) expect(name, CITIES[i]?.name).toMatch(/^[A-Z][a-z']+$/);
    expect(new Set(names).size).toBe(CITIES.length);
  });

  it('When a name is romanized, Then it follows Pinyin spelling and the usual English names', () => {
    expect(englishCityName('长沙')).toBe('Changsha'); // 长 read chang, not zhang
    expect(englishCityName('重庆')).toBe('Chongqing'); // 重 read chong, not zhong
    expect(englishCityName('西安')).toBe("Xi'an");
    expect(englishCityName('石家庄')).toBe('Shijiazhuang');
    expect(englishCityName('哈尔滨')).toBe('Harbin');
    expect(englishCityName('乌鲁木齐')).toBe('Urumqi');
  });

  it('When a label is asked for, Then Chinese keeps the name and an unknown city keeps its own', () => {
    expect(cityLabel('杭州', 'en')).toBe('Hangzhou');
    expect(cityLabel('杭州', 'zh')).toBe('杭州');
    expect(cityLabel('新城', 'en')).toBe('新城');
  });
});
