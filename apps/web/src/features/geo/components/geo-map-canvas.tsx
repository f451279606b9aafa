/**
 * The map of China drawn with ECharts. This module, the map's GeoJSON and the map, scatter, geo and visualMap
 * parts load in their own chunk, only when the geographic panel shows a map.
 */
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, VisualMapContinuousComponent } from 'echarts/components';
import { registerMap, use as registerParts } from 'echarts/core';
import EChartCanvas, { type EChartCanvasProps } from '../../../components/echart-canvas';
import chinaGeoJson from '../map/china.json';
import { CHINA_MAP } from '../utils/build-geo-option';

registerParts([MapChart, ScatterChart, GeoComponent, VisualMapContinuousComponent]);
registerMap(CHINA_MAP, chinaGeoJson as Parameters<typeof registerMap>[1]);

export default function GeoMapCanvas(props: EChartCanvasProps) {
  return <EChartCanvas {...props} />;
}
