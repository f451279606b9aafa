import type { Plugin } from 'vite';

const ID = 'virtual:boot-chunks';
const MARKER = '__PORTRAIT_BOOT_CHUNKS__';

/**
 * `virtual:boot-chunks`: the URLs of the chunks the entry imports on start (app/main.tsx's steps, its dynamic
 * imports) and of everything they import statically, minus what the entry already imports. main.tsx modulepreloads
 * them as it starts, so they download together instead of one step after the other; each step still evaluates in
 * a task of its own. Not in index.html: links there would download before the first paint (the entry itself starts
 * after it, see first-view/). In dev it is empty.
 */
export function bootPreload(): Plugin {
  let base = '/';
  let building = false;
  return {
    name: 'portrait:boot-preload',
    configResolved(config) {
      base = config.base;
      building = config.command === 'build';
    },
    resolveId(id) {
      return id === ID ? `\0${ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      return building ? `export default ${JSON.stringify(MARKER)};` : 'export default [];';
    },
    // File names here still hold Rollup's hash placeholders; Rollup replaces them in the output.
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.isEntry || !code.includes(MARKER)) return null;
      const files = new Set<string>();
      const add = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        for (const dep of meta.chunks[file]?.imports ?? []) add(dep);
      };
      for (const file of chunk.dynamicImports) add(file);
      for (const file of [chunk.fileName, ...chunk.imports]) files.delete(file);
      const urls = JSON.stringify([...files].map((file) => `${base}${file}`));
      // The minifier may have changed the literal's quotes. No code moves: the source map stays valid (`null`).
      return { code: code.replace(new RegExp(`(["'\`])${MARKER}\\1`, 'g'), urls), map: null };
    },
  };
}
