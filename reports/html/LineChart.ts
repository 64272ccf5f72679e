/**
 * A line chart as data, drawn in the page by uPlot (client.js): one shared x array and a values
 * array per series, aligned with it (null where a series has no point). Plain JSON.
 */
export interface LineChart {
  /** The element id the chart is drawn into. */
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  /** Logarithmic x axis (latency CDFs). Default false. */
  xLog?: boolean;
  /** How y values read: `percent` for shares 0..1, `number` otherwise. */
  yFormat: 'percent' | 'number';
  x: number[];
  series: LineSeries[];
}

export interface LineSeries {
  label: string;
  /** CSS colour. */
  colour: string;
  /** Canvas dash pattern (px); empty for a solid line. */
  dash: readonly number[];
  values: (number | null)[];
}

/** `x` to `digits` significant digits, so the embedded data stays small. */
export function roundTo(x: number, digits: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}
