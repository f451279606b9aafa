import { z } from 'zod';

export const storeOptionSchema = z.object({ id: z.string(), name: z.string() });
export const cityOptionSchema = z.object({
  name: z.string(),
  /** The name on an English screen (Pinyin, or the conventional English name). */
  nameEn: z.string(),
  province: z.string(),
  stores: z.array(storeOptionSchema),
});
export const filtersMetaSchema = z.object({
  cities: z.array(cityOptionSchema),
  /** First and last day that has orders; null on an empty database. */
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  dataVersion: z.number().int(),
});
export type StoreOption = z.infer<typeof storeOptionSchema>;
export type CityOption = z.infer<typeof cityOptionSchema>;
export type FiltersMeta = z.infer<typeof filtersMetaSchema>;
