import { z } from 'zod';

/**
 * Geographic LTV heatmap (PRODUCT §4): per province and per city of the scope's stores. `customers` are the
 * distinct active customers of the area's stores; `ltv` their mean paid amount in the area's stores from their
 * first order up to `to` (null without customers); `revenue` and `orders` are additive (guests included).
 */
const areaFigures = {
  customers: z.number().int(),
  ltv: z.number().nullable(),
  revenue: z.number(),
  orders: z.number().int(),
};

export const geoProvinceSchema = z.object({
  /** Official full name when it is one of the 34 (see provinces.ts), else as the data spells it. */
  province: z.string(),
  ...areaFigures,
});
export type GeoProvince = z.infer<typeof geoProvinceSchema>;

export const geoCitySchema = z.object({
  city: z.string(),
  /** The name on an English screen. */
  cityEn: z.string(),
  province: z.string(),
  /** The city's coordinates, else the mean of its stores'; null when neither is known. */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  ...areaFigures,
});
export type GeoCity = z.infer<typeof geoCitySchema>;

export const geoSchema = z.object({
  provinces: z.array(geoProvinceSchema),
  cities: z.array(geoCitySchema),
});
export type Geo = z.infer<typeof geoSchema>;

/** What the map shades by. */
export const GEO_METRICS = ['ltv', 'customers', 'revenue'] as const;
export type GeoMetric = (typeof GEO_METRICS)[number];
