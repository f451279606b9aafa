import { theme as antdTheme, type ThemeConfig } from 'antd';
import prebuilt from 'virtual:antd-map-token';

type Algorithm = Extract<NonNullable<ThemeConfig['algorithm']>, (...args: never[]) => unknown>;
type Seed = Parameters<Algorithm>[0];

const PREBUILT_SEED = new Map<string, unknown>(Object.entries(prebuilt.seed));

function isPrebuiltSeed(seed: Seed): boolean {
  const entries = Object.entries(seed);
  return (
    entries.length === PREBUILT_SEED.size && entries.every(([key, value]) => PREBUILT_SEED.get(key) === value)
  );
}

/**
 * antd's default algorithm with its answer for the app's theme worked out at build time (vite/antd-map-token.ts):
 * deriving the ~440 map tokens (colour palettes, sizes) from the seed cost the page's first antd render 80–150 ms
 * at 4× CPU. Any other seed (none today) is derived as before.
 */
export const prebuiltAlgorithm: Algorithm = (seed) =>
  isPrebuiltSeed(seed) ? { ...prebuilt.map } : antdTheme.defaultAlgorithm(seed);
