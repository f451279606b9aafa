import { useTranslation } from 'react-i18next';
import { formatters, type Formatters } from './format';
import { currentLang } from './i18n';

/** Number and date formatters for the language on screen. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return formatters(currentLang(i18n));
}
