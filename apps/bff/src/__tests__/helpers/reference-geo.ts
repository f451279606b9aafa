/**
 * An independent, deliberately naive computation of the geographic heatmap from raw order rows, in integer cents:
 * for each area (the scope's stores of one province or city), its distinct active customers, their lifetime spend
 * in the area up to `to`, and its orders and revenue. It shares no code with the SQL under test.
 */
import type { RawOrder } from './reference-metrics';

export type StoreArea = { id: string; city: string; province: string };
export type ReferenceArea = {
  customers: number;
  lifetimeCents: number;
  orders: number;
  revenueCents: number;
};

function referenceArea(all: RawOrder[], stores: Set<string>, from: string, to: string): ReferenceArea {
  const upTo = all.filter((o) => o.status === 'completed' && stores.has(o.storeId) && o.day <= to);
  const inScope = upTo.filter((o) => o.day >= from);
  const active = new Set(inScope.flatMap((o) => (o.customerId ? [o.customerId] : [])));
  return {
    customers: active.size,
    lifetimeCents: upTo.reduce((s, o) => s + (o.customerId && active.has(o.customerId) ? o.cents : 0), 0),
    orders: inScope.length,
    revenueCents: inScope.reduce((s, o) => s + o.cents, 0),
  };
}

/** Every province and city of the scope's stores (`scopeStores` null = all), keyed by name. */
export function referenceGeo(
  all: RawOrder[],
  storeAreas: StoreArea[],
  scopeStores: Set<string> | null,
  from: string,
  to: string,
) {
  const inScope = storeAreas.filter((s) => scopeStores === null || scopeStores.has(s.id));
  const group = (key: (s: StoreArea) => string) => {
    const out = new Map<string, ReferenceArea>();
    for (const name of new Set(inScope.map(key)))
      out.set(
        name,
        referenceArea(all, new Set(inScope.filter((s) => key(s) === name).map((s) => s.id)), from, to),
      );
    return out;
  };
  return { provinces: group((s) => s.province), cities: group((s) => s.city) };
}
