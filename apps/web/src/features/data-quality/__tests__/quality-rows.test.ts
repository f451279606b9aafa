import type { OverallQuality } from '@portrait/shared/imports';
import { describe, expect, it } from 'vitest';
import { issueCount, qualitySections } from '../utils/quality-rows';

const report: OverallQuality = {
  dataVersion: 3,
  computedAt: '2025-07-01T00:00:00.000Z',
  norm: { median: 30, q1: 20, q3: 45, fence: 120 },
  orders: {
    orders: 100,
    guestOrders: 10,
    withoutChannel: 1,
    withoutOrderType: 2,
    nonPositiveAmount: 3,
    aboveNorm: 4,
    future: 0,
    beforeStoreOpened: 5,
    examples: { nonPositiveAmount: ['O1'], aboveNorm: ['O2', 'O3'], future: [], beforeStoreOpened: ['O4'] },
  },
  customers: { customers: 50, withoutPhone: 6, withoutName: 7, stubs: 8 },
  duplicates: { sharedPhones: 2, customersSharingPhone: 4, repeatedOrders: 1 },
  orphans: {
    itemsWithoutOrder: 0,
    itemsWithoutProduct: 0,
    ordersWithoutItems: 9,
    customersWithoutOrders: 11,
  },
};

describe('quality report rows', () => {
  it('When the report is laid out, Then each figure sits in its section with its denominator and examples', () => {
    const s = qualitySections(report);
    expect(s.completeness.find((r) => r.key === 'withoutPhone')).toMatchObject({ count: 6, of: 50 });
    expect(s.outliers.find((r) => r.key === 'aboveNorm')).toMatchObject({
      count: 4,
      of: 100,
      examples: ['O2', 'O3'],
    });
    expect(s.orphans.map((r) => r.key)).toEqual([
      'itemsWithoutOrder',
      'itemsWithoutProduct',
      'ordersWithoutItems',
      'customersWithoutOrders',
    ]);
  });

  it('When problems are counted, Then totals and guest orders are not problems', () => {
    const s = qualitySections(report);
    expect(issueCount(s.completeness)).toBe(1 + 2 + 6 + 7 + 8);
    expect(issueCount(s.outliers)).toBe(3 + 4 + 0 + 5);
  });
});
