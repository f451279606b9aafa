import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './locales/en-us';
import { zhCN, type Messages } from './locales/zh-cn';
import { DEFAULT_LANG, isLang, LANG_STORAGE_KEY as STORAGE_KEY, LANGS, type Lang } from './langs';

export { DEFAULT_LANG, isLang, LANGS, type Lang };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const resources = {
  'zh-CN': { translation: zhCN },
  'en-US': { translation: enUS },
} as const;

/** The language the user chose last time, else Chinese. */
export function storedLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLang(saved) ? saved : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function rememberLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

/** A standalone i18next instance (tests and option builders use it without React). */
export function createI18n(lang: Lang = DEFAULT_LANG): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGS],
    resources,
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** The app's instance, bound to react-i18next. */
export function createAppI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: storedLang(),
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGS],
    // The resources are keyed by whole codes (zh-CN, en-US): looking up a language part ('zh') finds nothing, and
    // i18next would canonicalize the code for it (Intl.getCanonicalLocales) on every t() call of the first render.
    load: 'currentOnly',
    resources,
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

export function currentLang(instance: I18n): Lang {
  return isLang(instance.language) ? instance.language : DEFAULT_LANG;
}
