import postcss from 'postcss';
import { transformWithEsbuild, type ResolvedConfig } from 'vite';

/**
 * The CSS-variable scopes React's server renderer names: `css-var-_R_…_`. The sheet's renderer
 * (vite/antd-style-sheet.tsx) renders with `renderToString`, where antd's inner ConfigProviders (the popup panels'
 * `motion: false` theme) take their scope class from `useId`; the app renders with `createRoot`, whose ids are
 * `_r_…_` and never `_R_…_` (that form is only for hydration), and class selectors are case-sensitive. So rules
 * under these scopes can never match in the browser: about a sixth of the sheet, parsed for nothing.
 */
const SERVER_ID_SCOPE = '.css-var-_R_';

/** Removes the rules (and the selectors of a list) that only the build-time render's scopes can match. */
export function dropServerScopedRules(css: string): string {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    const kept = rule.selectors.filter((selector) => !selector.includes(SERVER_ID_SCOPE));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  root.walkAtRules((atRule) => {
    if (atRule.nodes?.length === 0) atRule.remove();
  });
  return root.toString();
}

/**
 * antd's sheet made smaller to download and to parse: emitted as an asset, it bypasses Vite's CSS pipeline, so it
 * gets the same esbuild minification (for the same `build.cssTarget`) the app's own stylesheet does.
 */
export async function compactAntdSheet(css: string, config: ResolvedConfig): Promise<string> {
  const pruned = dropServerScopedRules(css);
  const target = config.build.cssTarget || undefined;
  const { code } = await transformWithEsbuild(pruned, 'antd.css', {
    minify: true,
    target,
    logLevel: 'silent',
  });
  return code;
}
