import type { TFunction } from 'i18next';
import type { Formatters } from '../../../lib/format';

/** "刚刚" / " 5 分钟前" / " 3 小时前" / " 2 天前" from the model's age in seconds. */
export function modelAgeText(ageSeconds: number, t: TFunction): string {
  if (ageSeconds < 60) return t('churn.age.justNow');
  if (ageSeconds < 3600) return t('churn.age.minutes', { n: Math.floor(ageSeconds / 60) });
  if (ageSeconds < 86_400) return t('churn.age.hours', { n: Math.floor(ageSeconds / 3600) });
  return t('churn.age.days', { n: Math.floor(ageSeconds / 86_400) });
}

/** A probability as a whole percent, never "100%" (shown as ">99%"). */
export function riskText(p: number, f: Formatters): string {
  return p >= 0.995 ? `>${f.percent(0.99, 0)}` : f.percent(p, 0);
}
