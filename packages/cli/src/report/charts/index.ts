export { barChartSvg } from './barChart.js'
export {
  chartFigureHtml,
  chartSvg,
  chartTable,
  tableHtml,
  tableHtmlCells,
  type ChartTable,
  type TableCell,
} from './chartFigure.js'
export type {
  BarCategory,
  BarChart,
  BarSeries,
  Chart,
  ChartTarget,
  DonutChart,
  FunnelChart,
  ValueKind,
} from './chartModel.js'
export { donutChartSvg } from './donutChart.js'
export { formatValue } from './formatValue.js'
export { funnelChartSvg, shareOfPrevious } from './funnelChart.js'
export { colourAt, GRID, INK, MUTED, PALETTE } from './palette.js'
export { escapeMarkup, niceMax } from './svg.js'
