import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin, type ResolvedConfig } from 'vite';
import { ANTD_CSS_LINK_ID } from '../src/app/antd-css';
import { compactAntdSheet } from './antd-sheet-compact';
const DEV_URL = '/@portrait/antd.css';
const SHEET_MODULE = fileURLToPath(new URL('./antd-style-sheet.tsx', import.meta.url));
const MAP_TOKEN_MODULE = fileURLToPath(new URL('./antd-map-token.ts', import.meta.url));
const MAP_TOKEN_ID = 'virtual:antd-map-token';

/**
 * antd's styles as a static stylesheet, built with the app: vite/antd-style-sheet.tsx renders every antd component
 * the app uses under the app's theme and collects the CSS its CSS-in-JS generates, once, at build time (dev: at
 * start). The app runs antd with `zeroRuntime` (app/theme.ts), so the browser never computes or inserts those rules.
 *
 * index.html gets `<link rel="stylesheet" media="print">` first in <head>: the sheet downloads with the HTML without
 * holding back the first paint (the server's first view has its own small CSS), keeps its place before the app's
 * stylesheet in the cascade (as antd's runtime styles had, inserted first in <head>), and main.tsx switches it to
 * `all` — waiting for it if it has not arrived — before React renders anything.
 */
export function antdStaticCss(): Plugin {
  let config: ResolvedConfig;
  let sheet: Promise<string> | undefined;
  let fileName = '';

  const css = () => {
    sheet ??= runnerImport<{ antdStyleSheet: () => string }>(SHEET_MODULE, {
      configFile: false,
      logLevel: 'error',
    }).then(({ module }) => module.antdStyleSheet());
    return sheet;
  };

  return {
    name: 'portrait:antd-static-css',
    configResolved(resolved) {
      config = resolved;
    },
    // app/prebuilt-algorithm.ts: the theme's map tokens, derived here instead of in the browser.
    resolveId(id) {
      return id === MAP_TOKEN_ID ? `\0${MAP_TOKEN_ID}` : undefined;
    },
    async load(id) {
      if (id !== `\0${MAP_TOKEN_ID}`) return undefined;
      const { module } = await runnerImport<{ antdMapToken: () => unknown }>(MAP_TOKEN_MODULE, {
        configFile: false,
        logLevel: 'error',
      });
      return `export default ${JSON.stringify(module.antdMapToken())};`;
    },
    async buildStart() {
      if (config.command !== 'build') return;
      const source = await compactAntdSheet(await css(), config);
      const hash = createHash('sha256').update(source).digest('hex').slice(0, 8);
      fileName = `${config.build.assetsDir}/antd-${hash}.css`;
      this.emitFile({ type: 'asset', fileName, source });
    },
    configureServer(server) {
      server.middlewares.use(DEV_URL, (_req, res, next) => {
        css()
          .then((source) => {
            res.setHeader('content-type', 'text/css');
            res.end(source);
          })
          .catch(next);
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const href = config.command === 'build' ? `${config.base}${fileName}` : DEV_URL;
        const link = `<link rel="stylesheet" href="${href}" media="print" id="${ANTD_CSS_LINK_ID}" />`;
        // First in <head> after the charset, before the app's stylesheet, so the app's rules follow antd's.
        const charset = /<meta charset="[^"]*" \/>/i;
        if (!charset.test(html))
          throw new Error("index.html: no <meta charset> to put antd's stylesheet after");
        return html.replace(charset, (meta) => `${meta}\n    ${link}`);
      },
    },
  };
}
