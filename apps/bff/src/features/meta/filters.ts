import type { CityOption, FiltersMeta } from '@portrait/shared/meta';
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import { getDataSpan } from '../../db/queries/meta';
import { englishCityName } from './english-city-name';
import type { StoreCatalog } from '../portrait/store-catalog';

/** Cities with the stores the viewer may see, and the span of the data, for the filter bar. */
export async function filtersMeta(
  db: Db,
  catalog: StoreCatalog,
  allowed: readonly string[] | null,
): Promise<FiltersMeta> {
  const dataVersion = await getDataVersion(db);
  const stores = await catalog.visibleStores(dataVersion, allowed);
  const cities = new Map<string, CityOption>();
  for (const s of stores) {
    const city = cities.get(s.city) ?? {
      name: s.city,
      nameEn: englishCityName(s.city),
      province: s.province,
      stores: [],
    };
    city.stores.push({ id: s.id, name: s.name });
    cities.set(s.city, city);
  }
  const span = await getDataSpan(db);
  // Collation differs between PGlite and PostgreSQL, so order here: by province, then city, in pinyin order.
  const zh = new Intl.Collator('zh-CN');
  const sorted = [...cities.values()].sort(
    (a, b) => zh.compare(a.province, b.province) || zh.compare(a.name, b.name),
  );
  return { cities: sorted, firstDay: span.firstDay, lastDay: span.lastDay, dataVersion };
}
