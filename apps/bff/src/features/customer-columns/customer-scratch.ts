/**
 * Per-customer accumulators of one copy, shared by the passes over it (`customer-pass.ts`, `suggestion-pass.ts`):
 * safe only because each pass runs start to end synchronously, so two questions never use them at once. A
 * generation stamp marks the current question's customers, so nothing is cleared between questions. Freed with the
 * copy (WeakMap). Two sets: the suggestions' scan has its own, so the overview's other passes (the previous
 * period, asked between the suggestions' scan and its use) do not overwrite it.
 */
import type { CustomerFigures } from '../../db/queries/portrait';
import type { CustomerColumns } from './columns';

export type CustomerScratch = {
  generation: number;
  stamp: Int32Array;
  touched: Int32Array;
  f: Int32Array;
  m: Float64Array;
  last: Int32Array;
  hours: Int32Array;
  mix: Int32Array;
  /** The suggestions' pass only (made on its first question): customers seen before `from`, first day, order days. */
  extra: { priorStamp: Int32Array; first: Int32Array; days: Int32Array } | null;
  /**
   * The period scan the last pass left in `stamp`, `touched`, `f`, `m` and `last` (the scope's active customers
   * with Σ orders, Σ cents and their last day): valid while `generation` is still the one it was made in.
   */
  scan: {
    generation: number;
    from: number;
    to: number;
    scope: string;
    n: number;
    /** The customer pass's figures of this scan once made (customer-pass.ts; the overview's panels each ask). */
    figures?: CustomerFigures | null;
  } | null;
};

type Slot = 'pass' | 'suggestions';
const scratches: Record<Slot, WeakMap<CustomerColumns, CustomerScratch>> = {
  pass: new WeakMap(),
  suggestions: new WeakMap(),
};

/** The copy's scratch with a new generation (the stamps of earlier questions no longer match). */
export function customerScratch(columns: CustomerColumns, slot: Slot = 'pass'): CustomerScratch {
  let s = scratches[slot].get(columns);
  if (!s) {
    const ints = () => new Int32Array(columns.customers);
    s = {
      generation: 0,
      stamp: ints(),
      touched: ints(),
      f: ints(),
      m: new Float64Array(columns.customers),
      last: ints(),
      hours: ints(),
      mix: ints(),
      extra: null,
      scan: null,
    };
    scratches[slot].set(columns, s);
  }
  if (++s.generation === 0x7fffffff) {
    s.stamp.fill(0);
    s.extra?.priorStamp.fill(0);
    s.generation = 1;
    s.scan = null;
  }
  return s;
}

/** The suggestions' scratch (its own set) with their extra arrays. */
export function suggestionScratch(columns: CustomerColumns) {
  const s = customerScratch(columns, 'suggestions');
  const ints = () => new Int32Array(columns.customers);
  s.extra ??= { priorStamp: ints(), first: ints(), days: ints() };
  return { ...s, ...s.extra, scratch: s };
}

/** A key of a scope's store ordinals (`storeOrdinals`), to tell a later pass the scan is of the same scope. */
export const scopeKey = (stores: readonly number[] | null): string =>
  stores === null ? '*' : stores.join(',');

/** Records that `stamp` … `last` now hold the period scan of (from, to, scope) for the current generation. */
export function recordScan(s: CustomerScratch, from: number, to: number, scope: string, n: number): void {
  s.scan = { generation: s.generation, from, to, scope, n };
}

/**
 * The suggestions' scratch still holding their period scan of (from, to, scope), with its count of customers, when
 * no suggestions' pass has run since (the generation unchanged); else null. Does not start a new generation: the
 * caller reads what is there (`first`, `days` and `priorStamp` too: the scan fills them).
 */
export function heldScan(
  columns: CustomerColumns,
  from: number,
  to: number,
  scope: string,
): { scratch: CustomerScratch; n: number; scan: NonNullable<CustomerScratch['scan']> } | null {
  const s = scratches.suggestions.get(columns);
  const scan = s?.scan;
  if (!s || !scan || scan.generation !== s.generation) return null;
  return scan.from === from && scan.to === to && scan.scope === scope
    ? { scratch: s, n: scan.n, scan }
    : null;
}
