/**
 * Predicted 12-month value: expected purchases month by month (BG/NBD) × expected spend per purchase
 * (Gamma-Gamma), each month discounted to today:
 *   V = Σ_{m=1..12} [E(Y(m·D)) − E(Y((m−1)·D))] · E[spend] / (1 + d)^m,   D = one month in the data's time unit,
 * with d the monthly rate equivalent to a 10 % annual discount rate, (1.10)^(1/12) − 1 ≈ 0.797 %.
 */
import { conditionalExpectedPurchases, type BgnbdParams, type RfmT } from './bgnbd';

export const ANNUAL_DISCOUNT_RATE = 0.1;
export const MONTHLY_DISCOUNT_RATE = (1 + ANNUAL_DISCOUNT_RATE) ** (1 / 12) - 1;
export const HORIZON_MONTHS = 12;

export function discountedValue(
  params: BgnbdParams,
  c: RfmT,
  spendPerPurchase: number,
  options: { unitsPerMonth: number; months?: number; monthlyDiscountRate?: number },
): number {
  const { unitsPerMonth, months = HORIZON_MONTHS, monthlyDiscountRate = MONTHLY_DISCOUNT_RATE } = options;
  let value = 0;
  let before = 0;
  for (let m = 1; m <= months; m++) {
    const upTo = conditionalExpectedPurchases(params, m * unitsPerMonth, c);
    value += ((upTo - before) * spendPerPurchase) / (1 + monthlyDiscountRate) ** m;
    before = upTo;
  }
  return value;
}
