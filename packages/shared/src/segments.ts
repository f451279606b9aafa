/**
 * RFM segments of PRODUCT §4. R, F and M are "high" or "low" against their mean over the scope's active
 * customers: F and M high when ≥ mean, R high when ≤ mean (recent). To stay exact, comparisons are made as
 * `value × n` against `Σ values` instead of against a rounded mean.
 */
export const SEGMENT_KEYS = [
  'important_value',
  'important_development',
  'important_retention',
  'important_winback',
  'general_value',
  'general_development',
  'general_retention',
  'general_winback',
] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

export type RfmFlags = { recent: boolean; frequent: boolean; valuable: boolean };

export function segmentOf({ recent, frequent, valuable }: RfmFlags): SegmentKey {
  if (valuable) {
    if (recent) return frequent ? 'important_value' : 'important_development';
    return frequent ? 'important_retention' : 'important_winback';
  }
  if (recent) return frequent ? 'general_value' : 'general_development';
  return frequent ? 'general_retention' : 'general_winback';
}

export const SEGMENT_FLAGS: Record<SegmentKey, RfmFlags> = Object.fromEntries(
  SEGMENT_KEYS.map((key) => {
    for (const recent of [true, false])
      for (const frequent of [true, false])
        for (const valuable of [true, false]) {
          const flags = { recent, frequent, valuable };
          if (segmentOf(flags) === key) return [key, flags];
        }
    throw new Error(`no flags for ${key}`);
  }),
) as Record<SegmentKey, RfmFlags>;

export const SEGMENT_LABELS: Record<SegmentKey, { zh: string; en: string }> = {
  important_value: { zh: '重要价值客户', en: 'Important value' },
  important_development: { zh: '重要发展客户', en: 'Important development' },
  important_retention: { zh: '重要保持客户', en: 'Important retention' },
  important_winback: { zh: '重要挽留客户', en: 'Important win-back' },
  general_value: { zh: '一般价值客户', en: 'General value' },
  general_development: { zh: '一般发展客户', en: 'General development' },
  general_retention: { zh: '一般保持客户', en: 'General retention' },
  general_winback: { zh: '一般挽留客户', en: 'General win-back' },
};
