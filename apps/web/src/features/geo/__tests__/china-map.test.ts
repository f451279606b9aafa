/**
 * The shipped map of China is complete: all 34 province-level divisions (台湾, 香港 and 澳门 included), each a
 * province of shared/provinces.ts, and — drawn by ECharts under the name `china` — the 南海诸岛 inset.
 */
import { PROVINCES } from '@portrait/shared/provinces';
import { MapChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import chinaGeoJson from '../map/china.json';
import { CHINA_MAP } from '../utils/build-geo-option';

type Feature = { id: string; properties: { name: string } };
const features = (chinaGeoJson as unknown as { features: Feature[] }).features;

describe('The map of China', () => {
  it('When its features are read, Then they are exactly the 34 divisions, named as provinces.ts names them', () => {
    expect(features).toHaveLength(34);
    expect(features.map((f) => f.properties.name).sort()).toEqual(PROVINCES.map((p) => p.mapName).sort());
    for (const f of features) {
      const province = PROVINCES.find((p) => p.mapName === f.properties.name);
      expect(province?.code, f.properties.name).toBe(f.id);
    }
    expect(features.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['台湾', '香港', '澳门']));
  });

  it('When ECharts draws it as `china`, Then every division is a region and the 南海诸岛 inset is there', () => {
    use([MapChart, GeoComponent, SVGRenderer]);
    registerMap(CHINA_MAP, chinaGeoJson as Parameters<typeof registerMap>[1]);
    const chart = init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 600 });
    chart.setOption({ geo: { map: CHINA_MAP } });
    // ECharts' geo coordinate system keeps the regions it drew; read them back through the model.
    const model = (
      chart as unknown as {
        getModel: () => {
          getComponent: (type: string) => { coordinateSystem: { regions: { name: string }[] } };
        };
      }
    ).getModel();
    const regions = model.getComponent('geo').coordinateSystem.regions.map((r) => r.name);
    expect(regions).toEqual(expect.arrayContaining([...PROVINCES.map((p) => p.mapName), '南海诸岛']));
    const svg = chart.renderToSVGString();
    expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(34);
    chart.dispose();
  });
});
