import { theme as antdTheme } from 'antd';
import { theme } from '../src/app/theme';

/**
 * antd's default algorithm applied to the app's seed (antd's defaults and app/theme.ts's tokens, merged as the
 * ConfigProvider merges them), computed at build time for app/prebuilt-algorithm.ts.
 */
export function antdMapToken() {
  const seed = { ...antdTheme.defaultSeed, ...theme.token };
  return { seed, map: antdTheme.defaultAlgorithm(seed) };
}
