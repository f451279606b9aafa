/**
 * Every threshold and assumption of the suggestion rules, in one place (the README's "AI marketing suggestions"
 * section repeats them). Changing one changes what the engine says, so tests import them rather than copy them.
 */
import type { SuggestionType } from '@portrait/shared/suggestions';

/** A campaign to fewer customers than this is not worth a card. */
export const MIN_TARGET_CUSTOMERS = 5;

/** Priority = value at stake as a share of the scope's revenue: ≥ 10 % high, ≥ 3 % medium, else low. */
export const PRIORITY_SHARE = { high: 0.1, medium: 0.03 } as const;

/** VIP care: the important-value segment brings at least this share of customer revenue. */
export const VIP_MIN_REVENUE_SHARE = 0.2;

/** Win-back: an important win-back / retention segment brings at least this share of customer revenue. */
export const WINBACK_MIN_REVENUE_SHARE = 0.05;

/** Repurchase reminder: overdue when the days since the last order exceed this × the customer's own mean gap. */
export const OVERDUE_FACTOR = 1.5;

/** First-to-second: at least this share of the scope's new customers bought only once. */
export const FIRST_TO_SECOND_MIN_SHARE = 0.5;

/** Association rules (cross-sell): minimum support, confidence, lift, and baskets holding both products. */
export const ASSOCIATION = {
  minSupport: 0.01,
  minConfidence: 0.2,
  minLift: 1.2,
  minPairBaskets: 20,
} as const;
/** At most this many cross-sell cards (strongest lift first, one per unordered pair). */
export const CROSS_SELL_MAX = 2;

/**
 * Off-peak: between the first and the last hour with at least `busyShareOfPeak` of the peak hour's orders,
 * the longest run of at least `minHours` hours each below that level.
 */
export const OFF_PEAK = { busyShareOfPeak: 0.5, minHours: 2 } as const;

/** Assumed commission of the delivery platforms on their orders (industry range 15–25 %). */
export const PLATFORM_COMMISSION = 0.2;

/** Assumed share of the target that responds (low, high), per kind of suggestion. */
export const RESPONSE_RATES: Record<SuggestionType, readonly [number, number]> = {
  vip_care: [0.02, 0.05],
  winback: [0.05, 0.15],
  repurchase_reminder: [0.1, 0.2],
  first_to_second: [0.1, 0.25],
  cross_sell: [0.05, 0.15],
  off_peak: [0.03, 0.08],
  channel_shift: [0.05, 0.15],
};
