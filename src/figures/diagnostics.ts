/** Learning diagnostics over training (rows from parseDiagnosticsTable), several runs side by side. */
import { DiagnosticsRow } from "../analysis/diagnostics";
import { FigureSpec } from "./spec";

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

/**
 * Three stacked panels against training digits: the median threshold above rest (band: 10-90 % of neurons), the
 * share of neurons that have learned a receptive field, and the largest volley (neurons spiking in one step).
 * `runs`: a name, the network size (for the share) and its rows.
 */
export function learningDiagnosticsFigure(runs: { name: string; neurons: number; rows: DiagnosticsRow[] }[],
  title = "Inside the network while it learns"): FigureSpec {
  const data: Record<string, unknown>[] = [];
  runs.forEach((run, k) => {
    const color = PALETTE[k % PALETTE.length];
    const x = run.rows.map((r) => r.digits);
    data.push({ type: "scatter", mode: "lines", x, y: run.rows.map((r) => r.thresholdAboveRestMv[2]), line: { width: 0 },
      showlegend: false, hoverinfo: "skip", legendgroup: run.name });
    data.push({ type: "scatter", mode: "lines", x, y: run.rows.map((r) => r.thresholdAboveRestMv[0]), line: { width: 0 }, fill: "tonexty",
      fillcolor: `${color}33`, showlegend: false, hoverinfo: "skip", legendgroup: run.name });
    data.push({ type: "scatter", mode: "lines", name: run.name, x, y: run.rows.map((r) => r.thresholdAboveRestMv[1]), line: { color }, legendgroup: run.name });
    data.push({ type: "scatter", mode: "lines", name: run.name, x, y: run.rows.map((r) => (100 * r.learned) / run.neurons), line: { color },
      xaxis: "x2", yaxis: "y2", showlegend: false, legendgroup: run.name });
    data.push({ type: "scatter", mode: "lines", name: run.name, x, y: run.rows.map((r) => r.largestVolley), line: { color },
      xaxis: "x3", yaxis: "y3", showlegend: false, legendgroup: run.name });
  });
  const axis = (domain: [number, number], text: string, extra: Record<string, unknown> = {}) => ({ domain, title: { text }, ...extra });
  return {
    data,
    layout: {
      title: { text: title }, height: 720,
      xaxis: { anchor: "y", matches: "x3", showticklabels: false },
      xaxis2: { anchor: "y2", matches: "x3", showticklabels: false },
      xaxis3: { anchor: "y3", title: { text: "training digits seen" } },
      yaxis: axis([0.7, 1], "threshold above rest (mV)"),
      yaxis2: axis([0.36, 0.64], "neurons learned (%)", { range: [0, 100] }),
      yaxis3: axis([0, 0.3], "largest volley (neurons)"),
      legend: { orientation: "h", y: -0.12 },
    },
  };
}
