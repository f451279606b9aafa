import { describe, expect, it } from 'vitest';
import { CITIES } from '../../demo/catalog';
import { englishCityName } from '../english-city-name';

describe('English city names', () => {
  it('When any demo city is shown in English, Then it has its own Latin name', () => {
    const names = CITIES.map((c) => englishCityName(c.name));
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

  it('When a chain imports a city the demo does not have, or one already in Latin letters, Then it reads right', () => {
    expect(englishCityName('测试一市')).toBe('Ceshiyishi');
    expect(englishCityName('London')).toBe('London');
  });
});
