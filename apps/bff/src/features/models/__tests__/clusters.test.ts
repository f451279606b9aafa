/**
 * k-means segments: planted groups are found with the right k, the result is the same on every run, clusters are
 * numbered by size, and names follow the centroid rules.
 */
import { describe, expect, it } from 'vitest';
import { clusterCustomers, clusterName, silhouette, type ClusterFeatures } from '../clusters';

/** A small deterministic generator (LCG) so the fixture does not depend on Math.random. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Three planted groups: lapsed in-store one-timers, delivery regulars, new mini-program customers. */
function plantedCustomers(n: number) {
  const rnd = lcg(7);
  const jitter = (v: number, spread: number) => v * (1 + (rnd() - 0.5) * spread);
  const groups: ClusterFeatures[] = [
    {
      recencyDays: 300,
      purchaseDays: 1,
      spendPerVisit: 30,
      tenureDays: 320,
      deliveryShare: 0.02,
      miniProgramShare: 0.03,
    },
    {
      recencyDays: 4,
      purchaseDays: 60,
      spendPerVisit: 45,
      tenureDays: 400,
      deliveryShare: 0.85,
      miniProgramShare: 0.05,
    },
    {
      recencyDays: 10,
      purchaseDays: 4,
      spendPerVisit: 35,
      tenureDays: 30,
      deliveryShare: 0.05,
      miniProgramShare: 0.8,
    },
  ];
  const rows: { group: number; f: ClusterFeatures }[] = [];
  for (let i = 0; i < n; i++) {
    const group = i % 3;
    const g = groups[group] as ClusterFeatures;
    rows.push({
      group,
      f: {
        recencyDays: jitter(g.recencyDays, 0.3),
        purchaseDays: Math.max(1, Math.round(jitter(g.purchaseDays, 0.3))),
        spendPerVisit: jitter(g.spendPerVisit, 0.2),
        tenureDays: jitter(g.tenureDays, 0.2),
        deliveryShare: Math.min(1, jitter(g.deliveryShare, 0.2)),
        miniProgramShare: Math.min(1, jitter(g.miniProgramShare, 0.2)),
      },
    });
  }
  return rows;
}

describe('k-means segments', () => {
  const rows = plantedCustomers(900);

  it('When three well-separated groups are planted, Then k = 3 is chosen and each group is one cluster', async () => {
    const result = await clusterCustomers(rows.map((r) => r.f));
    expect(result?.k).toBe(3);
    expect(result?.silhouette).toBeGreaterThan(0.5);
    for (const group of [0, 1, 2]) {
      const labels = new Set(
        rows.filter((r) => r.group === group).map((_, i) => result?.assignments[i * 3 + group]),
      );
      expect(labels.size).toBe(1);
    }
    expect(result?.profiles.map((p) => p.customers)).toEqual([300, 300, 300]);
    const names = new Set(result?.profiles.map((p) => p.nameEn));
    expect(names).toEqual(
      new Set(['dormant, in-store', 'high-value regulars, delivery', 'newcomers, mini-program']),
    );
  });

  it('When clustering runs twice on the same customers, Then assignments, centroids and names are identical', async () => {
    const one = await clusterCustomers(rows.map((r) => r.f));
    const two = await clusterCustomers(rows.map((r) => ({ ...r.f })));
    expect(two).toEqual(one);
  });

  it('When clusters differ in size, Then cluster 0 is the largest', async () => {
    const uneven = plantedCustomers(900).filter((r, i) => r.group !== 2 || i % 2 === 0);
    const result = await clusterCustomers(uneven.map((r) => r.f));
    const sizes = result?.profiles.map((p) => p.customers) ?? [];
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes.reduce((s, v) => s + v, 0)).toBe(uneven.length);
  });

  it('When there are too few customers, Then no clustering is attempted', async () => {
    expect(await clusterCustomers(rows.slice(0, 20).map((r) => r.f))).toBeNull();
  });

  it('When the silhouette of two tight, distant pairs is computed, Then it is close to 1; of a mixed labelling, negative', () => {
    const points = [
      [0, 0],
      [0, 0.1],
      [10, 10],
      [10, 10.1],
    ];
    expect(silhouette(points, [0, 0, 1, 1], 2)).toBeGreaterThan(0.98);
    expect(silhouette(points, [0, 1, 0, 1], 2)).toBeLessThan(0);
  });

  it('When a centroid is named, Then the first matching rule names who they are and the channel shares how they buy', () => {
    const c = (over: Partial<ClusterFeatures>): ClusterFeatures => ({
      recencyDays: 10,
      purchaseDays: 5,
      spendPerVisit: 40,
      tenureDays: 200,
      deliveryShare: 0.1,
      miniProgramShare: 0.1,
      ...over,
    });
    const z = (over: Partial<Record<keyof ClusterFeatures, number>>) => ({
      recencyDays: 0,
      purchaseDays: 0,
      spendPerVisit: 0,
      tenureDays: 0,
      deliveryShare: 0,
      miniProgramShare: 0,
      ...over,
    });
    expect(clusterName(c({ deliveryShare: 0.7 }), z({ purchaseDays: 1.2, spendPerVisit: 0.6 }))).toEqual({
      nameZh: '高价值常客 · 外卖',
      nameEn: 'high-value regulars, delivery',
    });
    expect(clusterName(c({}), z({ recencyDays: 1, purchaseDays: 0.6 })).nameZh).toBe('流失老客 · 到店');
    expect(clusterName(c({ miniProgramShare: 0.5 }), z({ tenureDays: -1 })).nameEn).toBe(
      'newcomers, mini-program',
    );
    expect(clusterName(c({ deliveryShare: 0.3, miniProgramShare: 0.3 }), z({})).nameEn).toBe(
      'occasional, multi-channel',
    );
  });
});
