/** The UI languages and where the user's choice is kept (no dependencies: the BFF's first view reads them too). */
export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** localStorage key of the language the user chose last time. */
export const LANG_STORAGE_KEY = 'portrait.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
