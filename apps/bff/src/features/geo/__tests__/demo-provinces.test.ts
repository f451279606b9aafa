/**
 * Every province of the demo chain (all sizes draw from this list) lands on one of the 34 divisions, and so on
 * a feature of the map (the web's china-map test checks that every division is one).
 */
import { provinceOf } from '@portrait/shared/provinces';
import { describe, expect, it } from 'vitest';
import { CITIES } from '../../demo/catalog';

describe('Demo provinces on the map', () => {
  it("When each demo city's province is normalised, Then it is a known province, written in full", () => {
    expect(CITIES.length).toBeGreaterThan(60);
    for (const city of CITIES) {
      const province = provinceOf(city.province);
      expect(province, `${city.name} ${city.province}`).not.toBeNull();
      expect(province?.name, city.name).toBe(city.province);
    }
  });
});
