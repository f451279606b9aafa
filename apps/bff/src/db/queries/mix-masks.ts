/**
 * The masks `customer_store_days` carries so the hourly and channel panels count distinct customers from the
 * per-customer grouping instead of every order: `hour_mask` has bit h for an order in hour h; `mix_mask` has one
 * bit per channel and per order-type key of `channelMix` (order type null counts as 'unknown', as there). Labels
 * outside the known lists share an "other" bit, which only says such an order exists: their customers are counted
 * from `orders` (exact, slower; the demo and the import's order types never produce one).
 *
 * Migration 0012 fills existing rows with the same expressions (spelled out there): keep both in step.
 */
import { sql, type SQL } from 'drizzle-orm';
import { KNOWN_CHANNELS, ORDER_TYPES } from '@portrait/shared/portrait';

export const HOURS = 24;

/** Channel keys by bit (0–3); `OTHER_CHANNEL_BIT` for any other label. */
export const CHANNEL_KEYS: readonly string[] = KNOWN_CHANNELS;
export const OTHER_CHANNEL_BIT = CHANNEL_KEYS.length;

/** Order-type keys (coalesced) by bit, from `ORDER_TYPE_BIT0`; `OTHER_ORDER_TYPE_BIT` for any other value. */
export const ORDER_TYPE_KEYS: readonly string[] = [...ORDER_TYPES, 'unknown'];
export const ORDER_TYPE_BIT0 = OTHER_CHANNEL_BIT + 1;
export const OTHER_ORDER_TYPE_BIT = ORDER_TYPE_BIT0 + ORDER_TYPE_KEYS.length;
export const MIX_BITS = OTHER_ORDER_TYPE_BIT + 1;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function bitCase(column: string, keys: readonly string[], bit0: number, otherBit: number): string {
  const whens = keys.map((k, i) => `when ${quote(k)} then ${1 << (bit0 + i)}`).join(' ');
  return `case ${column} ${whens} else ${1 << otherBit} end`;
}

/** One order's `mix_mask` bits, over `orders` columns (optionally qualified by `alias`). */
export function orderMixBits(alias = ''): SQL {
  const channel = bitCase(`${alias}channel`, CHANNEL_KEYS, 0, OTHER_CHANNEL_BIT);
  const type = bitCase(
    `coalesce(${alias}order_type, 'unknown')`,
    ORDER_TYPE_KEYS,
    ORDER_TYPE_BIT0,
    OTHER_ORDER_TYPE_BIT,
  );
  return sql.raw(`(${channel} | ${type})`);
}

/** The aggregates of `orders` rows into one customer-store-day's masks. */
export function maskAggregates(alias = ''): SQL {
  return sql`bit_or(1 << ${sql.raw(`${alias}hour`)}), bit_or(${orderMixBits(alias)})::smallint`;
}

/** `count(*) filter (where <mask> has bit b)` for each bit, as one column each: `${prefix}${b}`. */
export function bitCounts(mask: SQL, bits: number, prefix: string): SQL {
  return sql.join(
    Array.from(
      { length: bits },
      (_, b) =>
        sql`count(*) filter (where ${mask} & ${sql.raw(String(1 << b))} <> 0) as ${sql.raw(prefix + b)}`,
    ),
    sql`, `,
  );
}

/** The `hour_mask` bits of the hours from..to inclusive (0 when from > to, as `between` selects nothing). */
export function hourRangeMask(fromHour: number, toHour: number): number {
  let mask = 0;
  for (let h = Math.max(0, fromHour); h <= Math.min(HOURS - 1, toHour); h++) mask |= 1 << h;
  return mask;
}

/** All channel bits of `mix_mask` (the known channels and the "other" bit). */
export const CHANNEL_BITS = (1 << (OTHER_CHANNEL_BIT + 1)) - 1;

/**
 * The `mix_mask` bits of these channels, or null when one of them is not a known channel: such a label shares the
 * "other" bit with every unknown label, so only `orders` can tell it apart.
 */
export function channelsMask(channels: readonly string[]): number | null {
  let mask = 0;
  for (const channel of channels) {
    const bit = CHANNEL_KEYS.indexOf(channel);
    if (bit < 0) return null;
    mask |= 1 << bit;
  }
  return mask;
}
