/**
 * First-load JavaScript of the production build: what index.html loads before any code runs (the entry script and
 * the chunks it modulepreloads) and what the entry loads on start before the app renders (app/main.tsx's steps: the
 * entry's dynamic imports and their static imports, from Vite's dist/.vite/manifest.json), gzipped at level 9 as a
 * server would send it, and every other chunk for reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const brotliSize = (buf) => zlib.brotliCompressSync(buf).length;

/** @param {string} dist the web app's dist folder */
export function measureBundle(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const attr = (re) => [...html.matchAll(re)].map((m) => m[1]);
  const entry = attr(/<script[^>]*type="module"[^>]*src="([^"]+)"/g);
  const preloaded = attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g);
  const css = attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const file = (url) => {
    const buf = fs.readFileSync(path.join(dist, url.replace(/^\//, '')));
    return {
      file: url.replace(/^\/assets\//, ''),
      raw: buf.length,
      gzip: gzipSize(buf),
      brotli: brotliSize(buf),
    };
  };
  const firstLoadUrls = new Set([...entry, ...preloaded, ...bootChunks(dist)]);
  const firstLoad = [...firstLoadUrls].map(file);
  const firstCss = css.map(file);
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const lazy = assets
    .filter((name) => name.endsWith('.js') && !firstLoadUrls.has(`/assets/${name}`))
    .map((name) => file(`/assets/${name}`))
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0);
  return {
    firstLoad,
    firstLoadGzip: sum(firstLoad, 'gzip'),
    firstLoadBrotli: sum(firstLoad, 'brotli'),
    firstLoadRaw: sum(firstLoad, 'raw'),
    css: firstCss,
    cssGzip: sum(firstCss, 'gzip'),
    lazy,
    lazyGzip: sum(lazy, 'gzip'),
  };
}

/** The entry's dynamic imports (its start-up steps) and everything they import statically, as `/assets/…` URLs. */
function bootChunks(dist) {
  const manifestFile = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) return [];
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const files = new Set();
  const add = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dep of chunk.imports ?? []) add(dep);
  };
  for (const chunk of Object.values(manifest).filter((c) => c.isEntry)) {
    add(chunk.src);
    for (const dep of chunk.dynamicImports ?? []) add(dep);
  }
  return [...files].map((file) => `/${file}`);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function printBundle(report, { lazyRows = 12 } = {}) {
  console.log("\nFirst-load JavaScript (index.html: entry + modulepreload; the entry's start-up imports)");
  for (const row of report.firstLoad)
    console.log(`  ${row.file.padEnd(44)} ${kb(row.raw).padStart(10)} raw ${kb(row.gzip).padStart(9)} gzip`);
  console.log(
    `  total ${kb(report.firstLoadRaw)} raw, ${kb(report.firstLoadGzip)} gzip, ${kb(report.firstLoadBrotli)} brotli` +
      ` (target ≤ 350 KB gzip); CSS ${kb(report.cssGzip)} gzip`,
  );
  console.log(`On-demand chunks (${report.lazy.length}, ${kb(report.lazyGzip)} gzip in all), largest first:`);
  for (const row of report.lazy.slice(0, lazyRows))
    console.log(`  ${row.file.padEnd(44)} ${kb(row.raw).padStart(10)} raw ${kb(row.gzip).padStart(9)} gzip`);
}
