/**
 * Evidence figures and the value arithmetic shared by the rules. An `overview` figure is read from the overview
 * object by its paths, so its value cannot differ from what the dashboard shows for the same scope.
 */
import type { Overview } from '@portrait/shared/portrait';
import type {
  EvidenceFigure,
  ExpectedEffect,
  FigureKey,
  FigureUnit,
  Localized,
  SuggestionPriority,
  SuggestionType,
} from '@portrait/shared/suggestions';
import { round2 } from '../portrait/kpis';
import { PRIORITY_SHARE, RESPONSE_RATES } from './parameters';
import { count, money, percent } from './text-format';

/** Walks a path: object keys, and in an array the element whose `key` (or `hour`) equals the step. */
export function readOverview(overview: Overview, path: readonly string[]): number | null {
  let at: unknown = overview;
  for (const step of path) {
    if (Array.isArray(at)) {
      at = at.find((el: { key?: unknown; hour?: unknown }) => String(el.key ?? el.hour) === step);
    } else if (at !== null && typeof at === 'object') {
      at = (at as Record<string, unknown>)[step];
    } else return null;
  }
  return typeof at === 'number' ? at : null;
}

const tidy = (unit: FigureUnit, value: number) => (unit === 'cny' ? round2(value) : value);

/** The sum of the overview values at `paths`; null when one of them is missing (e.g. a change with no base). */
export function fromOverview(
  overview: Overview,
  key: FigureKey,
  unit: FigureUnit,
  paths: string[][],
): EvidenceFigure | null {
  let sum = 0;
  for (const path of paths) {
    const value = readOverview(overview, path);
    if (value === null) return null;
    sum += value;
  }
  return { key, unit, source: 'overview', paths, value: tidy(unit, sum) };
}

/** numerator / denominator of two figures already in the list (0 when the denominator is 0). */
export function derived(
  figures: readonly (EvidenceFigure | null)[],
  key: FigureKey,
  unit: FigureUnit,
  numerator: FigureKey,
  denominator: FigureKey,
): EvidenceFigure {
  const find = (k: FigureKey) => figures.find((f) => f?.key === k)?.value ?? 0;
  const den = find(denominator);
  return {
    key,
    unit,
    source: 'derived',
    ratio: [numerator, denominator],
    value: den ? find(numerator) / den : 0,
  };
}

export function analysis(key: FigureKey, unit: FigureUnit, value: number): EvidenceFigure {
  return { key, unit, source: 'analysis', value: tidy(unit, value) };
}

export function ruleParameter(key: FigureKey, unit: FigureUnit, value: number): EvidenceFigure {
  return { key, unit, source: 'rule', value };
}

export function modelFigure(key: FigureKey, unit: FigureUnit, value: number): EvidenceFigure {
  return { key, unit, source: 'model', value: tidy(unit, value) };
}

export const present = (figures: (EvidenceFigure | null)[]): EvidenceFigure[] =>
  figures.filter((f): f is EvidenceFigure => f !== null);

export const valueOf = (figures: readonly EvidenceFigure[], key: FigureKey): number =>
  figures.find((f) => f.key === key)?.value ?? 0;

/** Value at stake as a share of the scope's revenue → priority (thresholds in parameters.ts). */
export function priorityOf(valueAtStake: number, revenue: number): SuggestionPriority {
  const share = revenue > 0 ? valueAtStake / revenue : 0;
  if (share >= PRIORITY_SHARE.high) return 'high';
  if (share >= PRIORITY_SHARE.medium) return 'medium';
  return 'low';
}

/**
 * Expected effect: target × response rate × value per responder, for the low and the high rate of the type
 * (responders = that head count, rounded). The assumption sentence names the rates and what one is worth.
 */
export function expectedEffect(
  type: SuggestionType,
  targetSize: number,
  valuePerResponder: number,
  basis: Localized,
): ExpectedEffect {
  const [lowRate, highRate] = RESPONSE_RATES[type];
  const value = round2(valuePerResponder);
  const low = Math.round(targetSize * lowRate);
  const high = Math.round(targetSize * highRate);
  // The range is an expectation (target × rate × value); the responder counts are its rounded head count.
  return {
    low: round2(targetSize * lowRate * value),
    high: round2(targetSize * highRate * value),
    responseRate: { low: lowRate, high: highRate },
    responders: { low, high },
    valuePerResponder: value,
    assumption: {
      zh: `假设 ${percent(lowRate)}–${percent(highRate)} 的目标客户响应（${count(low)}–${count(high)} 人），每人按${basis.zh} ${money(value, 'zh')} 计。`,
      en: `Assumes ${percent(lowRate)}–${percent(highRate)} of the target respond (${count(low)}–${count(high)} customers), each worth ${basis.en}, ${money(value, 'en')}.`,
    },
  };
}
