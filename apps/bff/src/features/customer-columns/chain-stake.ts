/**
 * Churn's value at stake chain-wide (churn-columns.ts), per customer: their spend in every store over the 365 days
 * to the run's as-of day (as-of − 364 … as-of), and whether they have a row there. It does not depend on the
 * question's period, so a chain-wide question adds one figure per scored customer instead of walking the year's
 * rows (≈ 5 M on the large demo) again. Integer cents: the sums are the same integers in any order as long as no
 * partial sum can leave the exact range, which holds when the window's Σ |cents| does (else null: the caller walks
 * the rows). Made once per (copy, as-of day) — on PostgreSQL on the predictions' worker thread while it reads the
 * run's predictions, from the window's rows copied out here a piece at a time (memory copies, no walk); on PGlite ahead, a
 * slice of rows at a time, by the predictions' read-ahead; else on the first chain-wide question — and freed with
 * the copy. Memory: 9 bytes a customer.
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

function builder(
  columns: CustomerColumns,
  asOf: number,
  keep: (stake: ChainStake | null) => void = (stake) => held.set(columns, { asOf, stake }),
) {
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
      keep(result);
      return result;
    },
  };
}

/** A piece of the window's rows (as-of − 364 … as-of), in store then day order: what the worker adds up. */
export type StakeRows = { customer: Int32Array; cents: Float64Array };

/**
 * The window's rows of every store, copied out a piece of about `rows` rows at a time (whole stores; two binary
 * searches and two memory copies a store, no walk): handed to the predictions' worker between turns of the loop.
 */
export function* stakeWindow(columns: CustomerColumns, asOf: number, rows: number): Generator<StakeRows> {
  const { storeStart, day, customer, cents } = columns;
  const stores = columns.storeIndex.size;
  const lo = new Int32Array(stores);
  const hi = new Int32Array(stores);
  for (let s = 0; s < stores; s++) {
    lo[s] = lowerBound(day, storeStart[s]!, storeStart[s + 1]!, asOf - 364);
    hi[s] = lowerBound(day, lo[s]!, storeStart[s + 1]!, asOf + 1);
  }
  for (let first = 0; first < stores;) {
    let end = first;
    let size = 0;
    while (end < stores && (size === 0 || size + hi[end]! - lo[end]! <= rows)) {
      size += hi[end]! - lo[end]!;
      end++;
    }
    const out: StakeRows = { customer: new Int32Array(size), cents: new Float64Array(size) };
    for (let s = first, at = 0; s < end; at += hi[s]! - lo[s]!, s++) {
      out.customer.set(customer.subarray(lo[s]!, hi[s]!), at);
      out.cents.set(cents.subarray(lo[s]!, hi[s]!), at);
    }
    first = end;
    yield out;
  }
}

/** Adds up the window's pieces in order: the same sums, in the same order, as `chainStake` walking the copy. */
export function stakeAdder(customers: number, asOf: number) {
  const stake: ChainStake = { asOf, cents: new Float64Array(customers), has: new Uint8Array(customers) };
  let absolute = 0;
  return {
    add(piece: StakeRows): void {
      const { customer, cents } = piece;
      for (let i = 0; i < customer.length; i++) {
        const c = customer[i]!;
        stake.cents[c]! += cents[i]!;
        stake.has[c] = 1;
        absolute += Math.abs(cents[i]!);
      }
    },
    finish: (): ChainStake | null => (Number.isSafeInteger(absolute) ? stake : null),
  };
}

/** Holds a stake made elsewhere (the predictions' worker) for `columns`, unless one for that day is held already. */
export function keepChainStake(columns: CustomerColumns, asOf: number, stake: ChainStake | null): void {
  if (held.get(columns)?.asOf !== asOf) held.set(columns, { asOf, stake });
}

/** The stake made now on this thread and not held (tests: the reference the worker's is checked against). */
export function chainStakeOf(columns: CustomerColumns, asOf: number): ChainStake | null {
  const b = builder(columns, asOf, () => undefined);
  b.add(0, columns.storeIndex.size);
  return b.finish();
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
