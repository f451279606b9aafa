import { z } from 'zod';

/**
 * What the live stream sends: the data version, whenever it changes. Its own module: the web's entry needs only this
 * one schema, and importing it from imports.ts constructed all of that module's schemas on every page load.
 */
export const liveVersionSchema = z.object({ dataVersion: z.number().int() });
