/**
 * Data-driven segments (seed §5): k-means (ml-kmeans, k-means++ with a fixed seed) on standardised recency,
 * frequency, monetary value, tenure and channel mix; k chosen in 3..8 by the mean silhouette. k-means runs on a
 * deterministic sample (every n-th customer in id order, at most SAMPLE_SIZE) and every customer then joins the
 * nearest centroid, so the result depends only on the data.
 */
import { kmeansGenerator } from 'ml-kmeans';
import type { Pause } from './load-histories';

export const K_RANGE = [3, 4, 5, 6, 7, 8] as const;
export const KMEANS_SEED = 20240601;
export const SAMPLE_SIZE = 8000;
export const SILHOUETTE_SAMPLE = 2000;

/** Natural units: days, purchase days, yuan per purchase day, days, shares of orders. */
export type ClusterFeatures = {
  recencyDays: number;
  purchaseDays: number;
  spendPerVisit: number;
  tenureDays: number;
  deliveryShare: number;
  miniProgramShare: number;
};
export const FEATURE_KEYS = [
  'recencyDays',
  'purchaseDays',
  'spendPerVisit',
  'tenureDays',
  'deliveryShare',
  'miniProgramShare',
] as const satisfies readonly (keyof ClusterFeatures)[];

export type ClusterResult = {
  k: number;
  silhouette: number;
  /** Cluster of each input row, 0 = the largest cluster. */
  assignments: number[];
  profiles: {
    cluster: number;
    customers: number;
    centroid: ClusterFeatures;
    z: Record<keyof ClusterFeatures, number>;
    nameZh: string;
    nameEn: string;
  }[];
};

/** Counts and amounts are skewed: log them before standardising. */
function transform(f: ClusterFeatures): number[] {
  return [
    f.recencyDays,
    Math.log1p(f.purchaseDays),
    Math.log1p(f.spendPerVisit),
    f.tenureDays,
    f.deliveryShare,
    f.miniProgramShare,
  ];
}

function standardiser(rows: readonly number[][]) {
  const dims = rows[0]?.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  const sd = new Array<number>(dims).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j] = (mean[j] ?? 0) + v / rows.length));
  for (const r of rows) r.forEach((v, j) => (sd[j] = (sd[j] ?? 0) + (v - (mean[j] ?? 0)) ** 2 / rows.length));
  const scale = sd.map((v) => (v > 0 ? Math.sqrt(v) : 1));
  return (r: readonly number[]) => r.map((v, j) => (v - (mean[j] ?? 0)) / (scale[j] ?? 1));
}

const squared = (p: readonly number[], q: readonly number[]) => {
  let s = 0;
  for (let j = 0; j < p.length; j++) s += ((p[j] ?? 0) - (q[j] ?? 0)) ** 2;
  return s;
};

function nearest(point: readonly number[], centroids: readonly number[][]): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((c, i) => {
    const d = squared(point, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

function strideSample<T>(rows: readonly T[], size: number): T[] {
  if (rows.length <= size) return [...rows];
  const step = rows.length / size;
  return Array.from({ length: size }, (_, i) => rows[Math.floor(i * step)] as T);
}

/** Mean silhouette (Euclidean) of labelled points. */
export function silhouette(points: readonly number[][], labels: readonly number[], k: number): number {
  let total = 0;
  points.forEach((p, i) => {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    points.forEach((q, j) => {
      if (i === j) return;
      const l = labels[j] as number;
      sums[l] = (sums[l] ?? 0) + Math.sqrt(squared(p, q));
      counts[l] = (counts[l] ?? 0) + 1;
    });
    const own = labels[i] as number;
    if ((counts[own] ?? 0) === 0) return; // a singleton's silhouette is 0
    const a = (sums[own] ?? 0) / (counts[own] ?? 1);
    let b = Infinity;
    for (let l = 0; l < k; l++)
      if (l !== own && (counts[l] ?? 0) > 0) b = Math.min(b, (sums[l] ?? 0) / (counts[l] ?? 1));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  });
  return points.length > 0 ? total / points.length : 0;
}

async function runKmeans(points: number[][], k: number, pause: Pause): Promise<number[][]> {
  let centroids: number[][] = [];
  for (const step of kmeansGenerator(points, k, {
    seed: KMEANS_SEED,
    initialization: 'kmeans++',
    maxIterations: 100,
  })) {
    centroids = step.centroids;
    await pause();
  }
  return centroids;
}

export async function clusterCustomers(
  features: readonly ClusterFeatures[],
  pause: Pause = async () => undefined,
): Promise<ClusterResult | null> {
  if (features.length < K_RANGE[0] * 10) return null;
  const raw = features.map(transform);
  const standardise = standardiser(raw);
  const points = raw.map(standardise);
  const sample = strideSample(points, SAMPLE_SIZE);
  const silhouetteSample = strideSample(sample, SILHOUETTE_SAMPLE);

  let best: { k: number; silhouette: number; centroids: number[][] } | null = null;
  for (const k of K_RANGE) {
    const centroids = await runKmeans(sample, k, pause);
    const labels = silhouetteSample.map((p) => nearest(p, centroids));
    const score = silhouette(silhouetteSample, labels, k);
    await pause();
    if (best === null || score > best.silhouette + 1e-12) best = { k, silhouette: score, centroids };
  }
  if (!best) return null;

  // Every customer joins the nearest centroid; clusters are then numbered by size (largest first, ties by index).
  const provisional = points.map((p) => nearest(p, best.centroids));
  const sizes = best.centroids.map((_, i) => provisional.filter((l) => l === i).length);
  const order = sizes.map((size, i) => ({ size, i })).sort((p, q) => q.size - p.size || p.i - q.i);
  const relabel = new Map(order.map((o, rank) => [o.i, rank]));
  const assignments = provisional.map((l) => relabel.get(l) ?? 0);

  const profiles = order.map((_, cluster) => {
    const members = features.filter((_, i) => assignments[i] === cluster);
    const memberPoints = points.filter((_, i) => assignments[i] === cluster);
    const centroid = Object.fromEntries(
      FEATURE_KEYS.map((key) => [key, members.reduce((s, m) => s + m[key], 0) / Math.max(1, members.length)]),
    ) as ClusterFeatures;
    const z = Object.fromEntries(
      FEATURE_KEYS.map((key, j) => [
        key,
        memberPoints.reduce((s, p) => s + (p[j] ?? 0), 0) / Math.max(1, memberPoints.length),
      ]),
    ) as Record<keyof ClusterFeatures, number>;
    return { cluster, customers: members.length, centroid, z, ...clusterName(centroid, z) };
  });
  disambiguate(profiles);
  return { k: best.k, silhouette: best.silhouette, assignments, profiles };
}

/**
 * A name from the centroid: who they are (from the standardised recency, frequency, spend and tenure, first
 * rule that applies) and how they buy (from the channel shares).
 */
export function clusterName(
  c: ClusterFeatures,
  z: Record<keyof ClusterFeatures, number>,
): { nameZh: string; nameEn: string } {
  let who: [string, string];
  if (z.recencyDays >= 0.75)
    who = z.purchaseDays >= 0.5 ? ['流失老客', 'lapsed regulars'] : ['沉睡客', 'dormant'];
  else if (z.purchaseDays >= 1)
    who = z.spendPerVisit >= 0.5 ? ['高价值常客', 'high-value regulars'] : ['高频常客', 'frequent regulars'];
  else if (z.tenureDays <= -0.75) who = ['新客', 'newcomers'];
  else if (z.spendPerVisit >= 0.75) who = ['高客单客', 'big spenders'];
  else if (z.purchaseDays >= 0.3) who = ['常客', 'regulars'];
  else who = ['偶尔光顾', 'occasional'];
  const inStore = 1 - c.deliveryShare - c.miniProgramShare;
  let how: [string, string];
  if (c.deliveryShare >= 0.5) how = ['外卖', 'delivery'];
  else if (c.miniProgramShare >= 0.45) how = ['小程序', 'mini-program'];
  else if (inStore >= 0.6) how = ['到店', 'in-store'];
  else how = ['多渠道', 'multi-channel'];
  return { nameZh: `${who[0]} · ${how[0]}`, nameEn: `${who[1]}, ${how[1]}` };
}

/** Two clusters with one name get A, B… in size order, so the legend never shows a name twice. */
function disambiguate(profiles: { nameZh: string; nameEn: string }[]): void {
  const seen = new Map<string, number>();
  for (const p of profiles) seen.set(p.nameEn, (seen.get(p.nameEn) ?? 0) + 1);
  const used = new Map<string, number>();
  for (const p of profiles) {
    if ((seen.get(p.nameEn) ?? 0) < 2) continue;
    const n = used.get(p.nameEn) ?? 0;
    used.set(p.nameEn, n + 1);
    const letter = String.fromCharCode(65 + n);
    p.nameZh = `${p.nameZh} ${letter}`;
    p.nameEn = `${p.nameEn} ${letter}`;
  }
}
