/** The Sankey drawn with ECharts; this module and the Sankey part load in their own chunk with the paths panel. */
import { SankeyChart } from 'echarts/charts';
import { use as registerParts } from 'echarts/core';
import EChartCanvas, { type EChartCanvasProps } from '../../../components/echart-canvas';

registerParts([SankeyChart]);

export default function SankeyCanvas(props: EChartCanvasProps) {
  return <EChartCanvas {...props} />;
}
