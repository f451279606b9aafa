/**
 * Churn's value at stake chain-wide (churn-columns.ts), per customer: their spend in every store over the 365 days
 * to the run's as-of day (as-of − 364 … as-of), and whether they have a row there. It does not depend on the
 * question's period, so a chain-wide question adds one figure per scored customer instead of walking the year's
 * rows (≈ 5 M on the large demo) again. Integer cents: the sums are the same integers in any order as long as no
 * partial sum can leave the exact range, which holds when the window's Σ |cents| does (else null: the caller walks
 * the rows). Made once per (copy, as-of day) — ahead, a few stores at a time, by the predictions' read-ahead, or on
 * the first chain-wide question — and freed with the copy. Memory: 9 bytes a customer.
 */
import type { CustomerColumns } from './columns';
import { lowerBound } from './customer-pass';

export type ChainStake = {
  asOf: number;
  /** Copy ordinal → Σ cents of their rows in the window (0 without rows). */
  cents: Float64Array;
  /** Copy ordinal → 1 when they have a row in the window. */
  has: Uint8Array;
};

/** The one as-of day held per copy (the served run's); `null`: the window's sums could leave exact integers. */
const held = new WeakMap<CustomerColumns, { asOf: number; stake: ChainStake | null }>();

/** Stores per slice when made ahead (≈ 10 k window rows a store on the large demo: a few milliseconds a slice). */
const STORES_PER_SLICE = 5;

function builder(columns: CustomerColumns, asOf: number) {
  const stake: ChainStake = {
    asOf,
    cents: new Float64Array(columns.customers),
    has: new Uint8Array(columns.customers),
  };
  let absolute = 0;
  const { storeStart, day, customer, cents } = columns;
  return {
    /** Adds the window's rows of stores [first, end). */
    add(first: number, end: number) {
      for (let s = first; s < end; s++) {
        const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, asOf - 364);
        const hi = lowerBound(day, lo, storeStart[s + 1]!, asOf + 1);
        for (let i = lo; i < hi; i++) {
          const c = customer[i]!;
          stake.cents[c]! += cents[i]!;
          stake.has[c] = 1;
          absolute += Math.abs(cents[i]!);
        }
      }
    },
    finish(): ChainStake | null {
      const result = Number.isSafeInteger(absolute) ? stake : null;
      held.set(columns, { asOf, stake: result });
      return result;
    },
  };
}

/** Whether the chain's stake for `asOf` is held for `columns` (tests: the read-ahead made it). */
export const chainStakeHeld = (columns: CustomerColumns, asOf: number): boolean =>
  held.get(columns)?.asOf === asOf;

/** The chain's stake per customer for `asOf` (epoch day), made now if not held; null when not exact. */
export function chainStake(columns: CustomerColumns, asOf: number): ChainStake | null {
  const h = held.get(columns);
  if (h?.asOf === asOf) return h.stake;
  const b = builder(columns, asOf);
  b.add(0, columns.storeIndex.size);
  return b.finish();
}

/** Makes the chain's stake for `asOf` ahead, a few stores at a time between `pause`s (the event loop runs). */
export async function prepareChainStake(
  columns: CustomerColumns,
  asOf: number,
  pause: () => Promise<void>,
): Promise<void> {
  if (held.get(columns)?.asOf === asOf) return;
  const b = builder(columns, asOf);
  const stores = columns.storeIndex.size;
  for (let s = 0; s < stores; s += STORES_PER_SLICE) {
    await pause();
    // A question meanwhile made it whole: nothing left to do.
    if (held.get(columns)?.asOf === asOf) return;
    b.add(s, Math.min(stores, s + STORES_PER_SLICE));
  }
  b.finish();
}
