/**
 * Per customer, chain-wide and for the whole copy: their first day in any store and their total spend (integer
 * cents). A chain-wide pass then needs no walk over the rows before its period (≈ 5.5 M of the large demo's 7.5 M
 * for a 90-day range two weeks back): the suggestions' pass tells a customer seen before `from` by their first day,
 * and the customer pass takes the active customers' lifetime up to `to` as their totals less the rows after `to`
 * (when those are fewer). Integers in any order give the same sums while no partial sum can leave the exact range,
 * which holds when the copy's Σ |cents| does (else null: the passes walk the rows). Made with the copy where it is
 * laid out (columns.ts `chain`: on PostgreSQL the columns' worker thread, and kept in its snapshot), so the main
 * thread no longer walks 7.5 M rows after every start; a copy made without them (hand-built in tests) has them made
 * ahead, a slice of rows at a time (predictions-read-ahead.ts), or on the first chain-wide question. Memory: 12
 * bytes a customer.
 */
import type { CustomerColumns } from './columns';

export type ChainCustomers = {
  /** Copy ordinal → first day (days since 1970-01-01) in any store. */
  firstDay: Int32Array;
  /** Copy ordinal → Σ cents of all their rows. */
  totalCents: Float64Array;
};

/** Per copy made without them; `null`: the copy's sums could leave exact integers. */
const held = new WeakMap<CustomerColumns, ChainCustomers | null>();

/** Rows per slice when made ahead (a few milliseconds on an idle machine). */
const ROWS_PER_SLICE = 20_000;

type Rows = Pick<CustomerColumns, 'customers' | 'day' | 'customer' | 'cents'>;

function builder(columns: Rows, keep: (result: ChainCustomers | null) => void) {
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
      keep(result);
      return result;
    },
  };
}

/** Made from the laid-out rows of a copy (columns.ts, where the copy is made). */
export function chainCustomersOf(rows: Rows & { rows: number }): ChainCustomers | null {
  const b = builder(rows, () => undefined);
  b.add(0, rows.rows);
  return b.finish();
}

/** Whether they are held for `columns` (made with the copy, or by the read-ahead). */
export const chainCustomersHeld = (columns: CustomerColumns): boolean =>
  columns.chain !== undefined || held.has(columns);

/** The copy's chain-wide first days and totals, made now if not held; null when not exact. */
export function chainCustomers(columns: CustomerColumns): ChainCustomers | null {
  if (columns.chain !== undefined) return columns.chain;
  const h = held.get(columns);
  if (h !== undefined) return h;
  const b = builder(columns, (result) => held.set(columns, result));
  b.add(0, columns.rows);
  return b.finish();
}

/** Makes them ahead, a slice of rows at a time between `pause`s (the event loop runs). */
export async function prepareChainCustomers(
  columns: CustomerColumns,
  pause: () => Promise<void>,
): Promise<void> {
  if (chainCustomersHeld(columns)) return;
  const b = builder(columns, (result) => held.set(columns, result));
  for (let i = 0; i < columns.rows; i += ROWS_PER_SLICE) {
    await pause();
    // A question meanwhile made them whole: nothing left to do.
    if (held.has(columns)) return;
    b.add(i, Math.min(columns.rows, i + ROWS_PER_SLICE));
  }
  b.finish();
}
