/** Types of `chromium.mjs` for the TypeScript importers (the e2e config). */
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_FLAGS: readonly string[];
