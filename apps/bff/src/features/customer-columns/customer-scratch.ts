/**
 * Per-customer accumulators of one copy, shared by the passes over it (`customer-pass.ts`, `suggestion-pass.ts`):
 * safe only because each pass runs start to end synchronously, so two questions never use them at once. A
 * generation stamp marks the current question's customers, so nothing is cleared between questions. Freed with the
 * copy (WeakMap).
 */
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
};

const scratches = new WeakMap<CustomerColumns, CustomerScratch>();

/** The copy's scratch with a new generation (the stamps of earlier questions no longer match). */
export function customerScratch(columns: CustomerColumns): CustomerScratch {
  let s = scratches.get(columns);
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
    };
    scratches.set(columns, s);
  }
  if (++s.generation === 0x7fffffff) {
    s.stamp.fill(0);
    s.extra?.priorStamp.fill(0);
    s.generation = 1;
  }
  return s;
}

/** `customerScratch` with the suggestions' extra arrays. */
export function suggestionScratch(columns: CustomerColumns) {
  const s = customerScratch(columns);
  const ints = () => new Int32Array(columns.customers);
  s.extra ??= { priorStamp: ints(), first: ints(), days: ints() };
  return { ...s, ...s.extra };
}
