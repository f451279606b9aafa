import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { antdStaticCss } from './vite/antd-static-css';
import { bootPreload } from './vite/boot-preload';

const bff = process.env.BFF_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), antdStaticCss(), bootPreload()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: bff, changeOrigin: true },
      '/healthz': { target: bff, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: bff, changeOrigin: true },
      '/healthz': { target: bff, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // dist/.vite/manifest.json: bench/bundle-size.mjs reads which chunks the entry's start-up steps load.
    manifest: true,
    // antd alone is larger than Vite's default 500 kB warning threshold before compression.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 ships comments Rollup cannot place (harmless, dropped); keep every other warning.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      output: {
        // Rollup's split of the start-up steps (app/main.tsx) leaves a few chunks of 0.2–3 KB (icons, Layout's
        // Sider), each one more request for the first load: merged into a larger chunk loaded at the same time.
        experimentalMinChunkSize: 8_000,
      },
      // No manual chunks: Rollup's own split keeps ECharts out of the first load. Its core and the dashboard's
      // charts come with components/echart-canvas.tsx; the parts only the map (geo, visualMap, scatter, the GeoJSON)
      // or the Sankey use come with features/geo and features/paths, so other views never download them.
    },
  },
});
