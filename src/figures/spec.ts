/** A plain plotly figure: `Plotly.newPlot(div, spec.data, spec.layout, spec.config)`. Builders return these; only
 * src/notebook/display.ts and scripts/figures.ts render them. */
export interface FigureSpec {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}
