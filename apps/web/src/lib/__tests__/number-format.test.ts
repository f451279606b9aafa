import { describe, expect, it } from 'vitest';
import { LANGS } from '../langs';
import { formatCompact, formatDecimal, formatPercent } from '../number-format';

// Deterministic pseudo-random values (mulberry32), so a failure names a reproducible input.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGES = [
  0,
  -0,
  0.4,
  -0.4,
  0.5,
  -0.5,
  1.005,
  2.675,
  1.0049999,
  0.125,
  0.995,
  9.995,
  99.995,
  999.5,
  9999.5,
  9999.995,
  10_000,
  10_004.999,
  10_005,
  99_994.999,
  99_995,
  999_994,
  999_995,
  999_999.99,
  1_000_000,
  9_999_950,
  99_995_000,
  99_999_999.5,
  123_456_789.123,
  999_995_000_000,
  1e12,
  1.23456e13,
  0.000001,
  1e-7,
  5e-3,
  0.0049,
  1234.5,
  319_801,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
];

function values(): number[] {
  const next = random(20261206);
  const out = [...EDGES, ...EDGES.map((v) => -v)];
  for (let i = 0; i < 2000; i += 1) {
    const magnitude = Math.floor(next() * 16) - 4; // 1e-4 … 1e11
    const v = next() * 10 ** magnitude;
    out.push(v, -v, Math.round(v), Math.round(v * 100) / 100, Math.round(v * 1000) / 1000 + 0.005);
  }
  return out;
}

/** The values whose two writings differ, with both (one expect per value would take seconds). */
function mismatches(vs: number[], ours: (v: number) => string, intl: (v: number) => string): string[] {
  return vs.filter((v) => ours(v) !== intl(v)).map((v) => `${v}: ${ours(v)} ≠ ${intl(v)}`);
}

describe('numbers written by hand equal Intl.NumberFormat', () => {
  const all = values();

  it.each(LANGS)(
    'When %s formats integers, money and decimals, Then every value reads as Intl writes it',
    (lang) => {
      const cases: Array<[number, number]> = [
        [0, 0],
        [2, 2],
        [0, 2],
        [0, 1],
      ];
      for (const [min, max] of cases) {
        const intl = new Intl.NumberFormat(lang, { minimumFractionDigits: min, maximumFractionDigits: max });
        expect(
          mismatches(
            all,
            (v) => formatDecimal(v, min, max),
            (v) => intl.format(v),
          ),
        ).toEqual([]);
      }
    },
  );

  it.each(LANGS)(
    'When %s formats shares as percentages, Then every value reads as Intl writes it',
    (lang) => {
      for (const digits of [0, 1, 2]) {
        const intl = new Intl.NumberFormat(lang, {
          style: 'percent',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
        const shares = all.map((v) => v / 1000);
        expect(
          mismatches(
            shares,
            (v) => formatPercent(v, digits),
            (v) => intl.format(v),
          ),
        ).toEqual([]);
      }
    },
  );

  it.each(LANGS)(
    'When %s formats large values compactly, Then every value reads as Intl writes it',
    (lang) => {
      const intl = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 2 });
      const large = all.filter((v) => Math.abs(v) >= 10_000 && Math.abs(v) < 1e15);
      expect(large.length).toBeGreaterThan(1500);
      expect(
        mismatches(
          large,
          (v) => formatCompact(v, lang),
          (v) => intl.format(v),
        ),
      ).toEqual([]);
    },
  );
});
