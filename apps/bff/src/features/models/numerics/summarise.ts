/**
 * From transactions to the models' inputs. A purchase is a day with at least one transaction (the paper's
 * definition: several CDNOW orders on one day are one purchase); x counts purchase days after the first, t_x is
 * the first-to-last purchase span and T the first-purchase-to-cut-off span, in days divided by `daysPerUnit`;
 * m_x is the mean spend of the repeat purchase days (the first day left out, as in Fader & Hardie).
 */
import type { RfmT } from './bgnbd';

export type CustomerSummary = RfmT & { mx: number };

/** `days` are day numbers (any epoch) of one customer's transactions on or before `cutoffDay`, with amounts. */
export function summariseCustomer(
  transactions: readonly { day: number; amount: number }[],
  cutoffDay: number,
  daysPerUnit = 1,
): CustomerSummary | null {
  const byDay = new Map<number, number>();
  for (const t of transactions) {
    if (t.day > cutoffDay) continue;
    byDay.set(t.day, (byDay.get(t.day) ?? 0) + t.amount);
  }
  if (byDay.size === 0) return null;
  const days = [...byDay.keys()].sort((p, q) => p - q);
  const first = days[0] as number;
  const last = days[days.length - 1] as number;
  const x = days.length - 1;
  let repeatSpend = 0;
  for (const d of days.slice(1)) repeatSpend += byDay.get(d) ?? 0;
  return {
    x,
    tx: (last - first) / daysPerUnit,
    T: (cutoffDay - first) / daysPerUnit,
    mx: x > 0 ? repeatSpend / x : 0,
  };
}
