/**
 * A city's name in English, for whatever city the data holds (the demo's or a chain's own): Hanyu Pinyin by
 * pinyin-pro (word-aware, so 长沙 is Changsha and 重庆 Chongqing), with an apostrophe where a syllable starting with
 * a, o or e would run into the one before (西安 → Xi'an); cities known in English by another name keep it. The BFF
 * sends it beside the name, so the browser carries no romanization dictionary.
 */
import { pinyin } from 'pinyin-pro';

/** Conventional English names that are not their Pinyin. */
const EXONYMS: Readonly<Record<string, string>> = {
  哈尔滨: 'Harbin',
  呼和浩特: 'Hohhot',
  乌鲁木齐: 'Urumqi',
  拉萨: 'Lhasa',
  齐齐哈尔: 'Qiqihar',
  香港: 'Hong Kong',
  澳门: 'Macau',
};

const HAN = /\p{Script=Han}/u;
const known = new Map<string, string>();

/** `哈尔滨` → `Harbin`, `西安` → `Xi'an`, `石家庄` → `Shijiazhuang`; a name without Chinese stays as it is. */
export function englishCityName(name: string): string {
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  const english = romanize(name);
  known.set(name, english);
  return english;
}

function romanize(name: string): string {
  const exonym = EXONYMS[name];
  if (exonym) return exonym;
  if (!HAN.test(name)) return name;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }) as string[];
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/\s+/g, '');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}
