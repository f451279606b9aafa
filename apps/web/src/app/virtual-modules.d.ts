/** vite/antd-static-css.ts: antd's default algorithm applied to the app's seed at build time. */
declare module 'virtual:antd-map-token' {
  import type { ThemeConfig } from 'antd';
  type Algorithm = Extract<NonNullable<ThemeConfig['algorithm']>, (...args: never[]) => unknown>;
  const prebuilt: { seed: Parameters<Algorithm>[0]; map: ReturnType<Algorithm> };
  export default prebuilt;
}

/** vite/boot-preload.ts: the chunks main.tsx's start-up steps load (URLs), to modulepreload at once. */
declare module 'virtual:boot-chunks' {
  const urls: string[];
  export default urls;
}
