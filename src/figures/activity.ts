/** Figures of one presentation (from a Recording): input raster, output spikes, membrane potentials and thresholds. */
import { Recording } from "../core/network";
import { FigureSpec } from "./spec";

/** Input spike raster (top) and excitatory spikes (bottom) of one presentation; time in ms. */
export function spikeRasterFigure(rec: Recording, dtMs: number, title = "Spikes during one presentation"): FigureSpec {
  return {
    data: [
      { type: "scattergl", mode: "markers", name: "input spikes", x: rec.inputSteps.map((s) => s * dtMs), y: rec.inputIndices,
        marker: { size: 2, color: "#555" }, yaxis: "y2" },
      { type: "scatter", mode: "markers", name: "excitatory spikes", x: rec.excSteps.map((s) => s * dtMs), y: rec.excIndices,
        marker: { size: 6, color: "#d62728", symbol: "line-ns-open" } },
    ],
    layout: {
      title: { text: title }, height: 520, showlegend: false,
      xaxis: { title: { text: "time (ms)" } },
      yaxis: { title: { text: "excitatory neuron" }, domain: [0, 0.32] },
      yaxis2: { title: { text: "input pixel" }, domain: [0.4, 1] },
    },
  };
}

/** Membrane potential (solid) and threshold (dotted) of the given neurons over one presentation. */
export function membraneFigure(rec: Recording, neurons: number, show: number[], dtMs: number, title = "Membrane potential and threshold"): FigureSpec {
  const time = Array.from({ length: rec.steps }, (_, s) => s * dtMs);
  const data: Record<string, unknown>[] = [];
  show.forEach((j, k) => {
    const color = PALETTE[k % PALETTE.length];
    data.push({ type: "scatter", mode: "lines", name: `v, neuron ${j}`, x: time, y: Array.from({ length: rec.steps }, (_, s) => rec.vMv[s * neurons + j]), line: { color, width: 1 } });
    data.push({ type: "scatter", mode: "lines", name: `threshold, neuron ${j}`, x: time, y: Array.from({ length: rec.steps }, (_, s) => rec.thresholdMv[s * neurons + j]), line: { color, dash: "dot", width: 1 } });
  });
  return {
    data,
    layout: { title: { text: title }, height: 420, xaxis: { title: { text: "time (ms)" } }, yaxis: { title: { text: "mV" } }, legend: { orientation: "h", y: -0.25 } },
  };
}

/** The neurons that fired most in a recording (most first). */
export function mostActive(rec: Recording, count: number): number[] {
  const spikes = new Map<number, number>();
  for (const j of rec.excIndices) spikes.set(j, (spikes.get(j) ?? 0) + 1);
  return Array.from(spikes.entries()).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, count).map(([j]) => j);
}

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
