import type { CustomerFigures } from '../../../db/queries/portrait';

/** The figures with the RFM cells in a fixed order (the SQL returns them unordered). */
export function normalized(f: CustomerFigures | null) {
  if (!f) return null;
  const key = (c: CustomerFigures['cells'][number]) => `${+c.recent}${+c.frequent}${+c.valuable}`;
  return { ...f, cells: [...f.cells].sort((a, b) => key(a).localeCompare(key(b))) };
}
