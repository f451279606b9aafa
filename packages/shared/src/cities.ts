import { CITY_NAMES_EN } from './city-names';

/**
 * A city's name in the language on screen. English comes from the table made at build time from the demo cities
 * (city-names.ts); a city the table does not know (imported data) keeps the name its data gives.
 */
export function cityLabel(name: string, lang: 'zh' | 'en'): string {
  return lang === 'en' ? (CITY_NAMES_EN[name] ?? name) : name;
}
