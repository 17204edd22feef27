/**
 * The two figures of the analysis: accuracy against the number of excitatory neurons, and accuracy against the number
 * of training digits, our measurements (mean +- sd over seeds) beside the published points. Data in, plotly spec out.
 */
import { SummaryRow } from "../analysis/summary";
import { ReferenceAccuracy } from "../data/reference";
import { groupReferences, REFERENCE_SYMBOLS, referenceHover } from "./references";
import { FigureSpec } from "./spec";

const label = (r: SummaryRow) =>
  `ours: ${r.preset} (${r.dataset}${r.evaluatedOn === "test" ? "" : `, ${r.evaluatedOn}`}${r.trainOrder === "dataset" ? "" : `, ${r.trainOrder}`})`;

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(t);
  }
  return m;
}

/** A measured series: mean +- sd over seeds against `x`. */
export function measuredTrace(name: string, rows: SummaryRow[], x: (r: SummaryRow) => number): Record<string, unknown> {
  const sorted = [...rows].sort((a, b) => x(a) - x(b));
  return {
    type: "scatter", mode: "lines+markers", name,
    x: sorted.map(x), y: sorted.map((r) => r.accuracyMean),
    error_y: { type: "data", array: sorted.map((r) => r.accuracySd), visible: true },
    text: sorted.map((r) => `N = ${r.neurons}, ${r.trainedSamples} digits (${r.epochsDone.toFixed(2)} passes), n = ${r.n} seeds (${r.seeds})`),
    hovertemplate: "%{y:.2f} % (%{text})<extra></extra>",
  };
}

/** The published points, one series per source (figures/references.ts). */
export function referenceTraces(refs: ReferenceAccuracy[], x: (r: ReferenceAccuracy) => number | undefined): Record<string, unknown>[] {
  const traces: Record<string, unknown>[] = [];
  for (const [name, rows] of groupReferences(refs)) {
    const usable = rows.filter((r) => x(r) !== undefined);
    if (usable.length === 0) continue;
    traces.push({
      type: "scatter", mode: "markers", name,
      x: usable.map((r) => x(r)), y: usable.map((r) => r.accuracy),
      error_y: { type: "data", array: usable.map((r) => r.spread ?? 0), visible: usable.some((r) => r.spread) },
      marker: { symbol: REFERENCE_SYMBOLS[name] ?? "circle-open", size: 11, line: { width: 1 } },
      text: usable.map(referenceHover), hovertemplate: "%{text}<extra></extra>",
    });
  }
  return traces;
}

function accuracyLayout(title: string, xTitle: string): Record<string, unknown> {
  return {
    title: { text: title }, height: 480,
    xaxis: { title: { text: xTitle }, type: "log" },
    yaxis: { title: { text: "test accuracy (%)" } },
    legend: { orientation: "h", y: -0.25 },
  };
}

/**
 * Accuracy against the number of excitatory neurons (log x). `rows`: one summary row per (preset, dataset, neurons),
 * typically each run's final snapshot.
 */
export function accuracyVsNeuronsFigure(rows: SummaryRow[], references: ReferenceAccuracy[] = [], title = "Accuracy vs number of excitatory neurons"): FigureSpec {
  const measured = Array.from(groupBy(rows, label), ([name, g]) => measuredTrace(name, g, (r) => r.neurons));
  return { data: [...measured, ...referenceTraces(references, (r) => r.neurons)], layout: accuracyLayout(title, "excitatory neurons") };
}

/**
 * Accuracy against the number of training digits seen (log x), one curve per network size, from learning-curve
 * snapshots. References with a known number of training presentations are drawn as separate marked series.
 */
export function accuracyVsTrainingFigure(rows: SummaryRow[], references: ReferenceAccuracy[] = [], title = "Accuracy vs training digits"): FigureSpec {
  const measured = Array.from(groupBy(rows, (r) => `${label(r)}, N = ${r.neurons}`), ([name, g]) => measuredTrace(name, g, (r) => r.trainedSamples));
  return { data: [...measured, ...referenceTraces(references, (r) => r.trainPresentations)], layout: accuracyLayout(title, "training digits seen") };
}

/**
 * The final snapshot of each (preset, dataset, neurons): the most training digits among complete runs' final
 * snapshots (a size whose runs are all still going is left out).
 */
export function finalRows(rows: SummaryRow[]): SummaryRow[] {
  const best = new Map<string, SummaryRow>();
  for (const r of rows.filter((x) => x.final)) {
    const key = `${r.preset}/${r.dataset}/${r.evaluatedOn}/${r.trainOrder}/${r.neurons}`;
    const current = best.get(key);
    if (!current || r.trainedSamples > current.trainedSamples) best.set(key, r);
  }
  return Array.from(best.values());
}
