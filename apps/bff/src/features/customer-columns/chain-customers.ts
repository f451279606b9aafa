/**
 * Per customer, chain-wide and for the whole copy: their first day in any store and their total spend (integer
 * cents). A chain-wide pass then needs no walk over the rows before its period (≈ 5.5 M of the large demo's 7.5 M
 * for a 90-day range two weeks back): the suggestions' pass tells a customer seen before `from` by their first day,
 * and the customer pass takes the active customers' lifetime up to `to` as their totals less the rows after `to`
 * (when those are fewer). Integers in any order give the same sums while no partial sum can leave the exact range,
 * which holds when the copy's Σ |cents| does (else null: the passes walk the rows). Made once per copy — ahead, a
 * slice of rows at a time, once the copy is in place (predictions-read-ahead.ts), or on the first chain-wide
 * question — and freed with it. Memory: 12 bytes a customer.
 */
import type { CustomerColumns } from './columns';

export type ChainCustomers = {
  /** Copy ordinal → first day (days since 1970-01-01) in any store. */
  firstDay: Int32Array;
  /** Copy ordinal → Σ cents of all their rows. */
  totalCents: Float64Array;
};

/** Per copy; `null`: the copy's sums could leave exact integers. */
const held = new WeakMap<CustomerColumns, ChainCustomers | null>();

/** Rows per slice when made ahead (a few milliseconds on an idle machine). */
const ROWS_PER_SLICE = 20_000;

function builder(columns: CustomerColumns) {
  const out: ChainCustomers = {
    firstDay: new Int32Array(columns.customers).fill(0x7fffffff),
    totalCents: new Float64Array(columns.customers),
  };
  let absolute = 0;
  const { day, customer, cents } = columns;
  return {
    /** Adds rows [first, end). */
    add(first: number, end: number) {
      for (let i = first; i < end; i++) {
        const c = customer[i]!;
        if (day[i]! < out.firstDay[c]!) out.firstDay[c] = day[i]!;
        out.totalCents[c]! += cents[i]!;
        absolute += Math.abs(cents[i]!);
      }
    },
    finish(): ChainCustomers | null {
      const result = Number.isSafeInteger(absolute) ? out : null;
      held.set(columns, result);
      return result;
    },
  };
}

/** Whether they are held for `columns` (tests: the read-ahead made them). */
export const chainCustomersHeld = (columns: CustomerColumns): boolean => held.has(columns);

/** The copy's chain-wide first days and totals, made now if not held; null when not exact. */
export function chainCustomers(columns: CustomerColumns): ChainCustomers | null {
  const h = held.get(columns);
  if (h !== undefined) return h;
  const b = builder(columns);
  b.add(0, columns.rows);
  return b.finish();
}

/** Makes them ahead, a slice of rows at a time between `pause`s (the event loop runs). */
export async function prepareChainCustomers(
  columns: CustomerColumns,
  pause: () => Promise<void>,
): Promise<void> {
  if (held.has(columns)) return;
  const b = builder(columns);
  for (let i = 0; i < columns.rows; i += ROWS_PER_SLICE) {
    await pause();
    // A question meanwhile made them whole: nothing left to do.
    if (held.has(columns)) return;
    b.add(i, Math.min(columns.rows, i + ROWS_PER_SLICE));
  }
  b.finish();
}
