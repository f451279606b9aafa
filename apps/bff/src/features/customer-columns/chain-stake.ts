/**
 * Churn's value at stake chain-wide (churn-columns.ts), per customer: their spend in every store over the 365 days
 * to the run's as-of day (as-of − 364 … as-of), and whether they have a row there. It does not depend on the
 * question's period, so a chain-wide question adds one figure per scored customer instead of walking the year's
 * rows (≈ 5 M on the large demo) again. Integer cents: the sums are the same integers in any order as long as no
 * partial sum can leave the exact range, which holds when the window's Σ |cents| does (else null: the caller walks
 * the rows). Made once per (copy, as-of day) — ahead, a slice of rows at a time, by the predictions' read-ahead, or on
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

/** Rows between pauses when made ahead (a millisecond or two on an idle machine). */
const ROWS_PER_SLICE = 20_000;

function builder(columns: CustomerColumns, asOf: number) {
  const stake: ChainStake = {
    asOf,
    cents: new Float64Array(columns.customers),
    has: new Uint8Array(columns.customers),
  };
  let absolute = 0;
  const { storeStart, day, customer, cents } = columns;
  return {
    /** Adds the window's rows of stores [first, end); returns how many there were. */
    add(first: number, end: number): number {
      let rows = 0;
      for (let s = first; s < end; s++) {
        const lo = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, asOf - 364);
        const hi = lowerBound(day, lo, storeStart[s + 1]!, asOf + 1);
        rows += hi - lo;
        for (let i = lo; i < hi; i++) {
          const c = customer[i]!;
          stake.cents[c]! += cents[i]!;
          stake.has[c] = 1;
          absolute += Math.abs(cents[i]!);
        }
      }
      return rows;
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

/** Makes the chain's stake for `asOf` ahead, a slice of rows at a time between `pause`s (the event loop runs). */
export async function prepareChainStake(
  columns: CustomerColumns,
  asOf: number,
  pause: () => Promise<void>,
): Promise<void> {
  if (held.get(columns)?.asOf === asOf) return;
  const b = builder(columns, asOf);
  // A store at a time, a pause each ROWS_PER_SLICE rows or so (stores differ tenfold in size).
  let sincePause = ROWS_PER_SLICE;
  for (let s = 0; s < columns.storeIndex.size; s++) {
    if (sincePause >= ROWS_PER_SLICE) {
      await pause();
      sincePause = 0;
      // A question meanwhile made it whole: nothing left to do.
      if (held.get(columns)?.asOf === asOf) return;
    }
    sincePause += b.add(s, s + 1);
  }
  b.finish();
}
