/**
 * The two figures of the analysis: accuracy against the number of excitatory neurons, and accuracy against the number
 * of training digits, our measurements (mean +- sd over seeds) beside the published points. Data in, plotly spec out.
 */
import { SummaryRow } from "../analysis/summary";
import { ReferenceAccuracy } from "../data/reference";
import { groupReferences, REFERENCE_SYMBOLS, referenceHover } from "./references";
import { PLOTLY_COLOURS } from "./palette";
import { FigureSpec } from "./spec";

const label = (r: SummaryRow) =>
  `ours: ${r.preset} (${r.dataset}${r.evaluatedOn === "test" ? "" : `, ${r.evaluatedOn}`}${r.trainOrder === "dataset" ? "" : `, ${r.trainOrder}`})`;

/** Items grouped by key, groups in order of first appearance. */
export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(t);
  }
  return m;
}

/**
 * A measured series against `x`: the mean over seeds, with error bars of +- sd over more than 3 seeds and the seeds'
 * range (lowest to highest) over 2-3 seeds, where an sd says little.
 */
export function measuredTrace(name: string, rows: SummaryRow[], x: (r: SummaryRow) => number): Record<string, unknown> {
  const sorted = [...rows].sort((a, b) => x(a) - x(b));
  const range = (r: SummaryRow) => r.n <= 3;
  return {
    type: "scatter", mode: "lines+markers", name,
    x: sorted.map(x), y: sorted.map((r) => r.accuracyMean),
    error_y: {
      type: "data", symmetric: false, visible: true,
      array: sorted.map((r) => (range(r) ? r.accuracyMax - r.accuracyMean : r.accuracySd)),
      arrayminus: sorted.map((r) => (range(r) ? r.accuracyMean - r.accuracyMin : r.accuracySd)),
    },
    text: sorted.map((r) => `${r.preset}, N = ${r.neurons}, ${r.trainedSamples} digits (${r.epochsDone.toFixed(2)} passes), ` +
      (range(r) ? `n = ${r.n} seeds (${r.seeds}), bars: their range ${r.accuracyMin.toFixed(2)}-${r.accuracyMax.toFixed(2)}` : `n = ${r.n} seeds, bars: +- sd ${r.accuracySd.toFixed(2)}`)),
    hovertemplate: "%{y:.2f} % (%{text})<extra></extra>",
  };
}

/** The published points, one series per source (figures/references.ts). */
export function referenceTraces(refs: ReferenceAccuracy[], x: (r: ReferenceAccuracy) => number | undefined): Record<string, unknown>[] {
  const traces: Record<string, unknown>[] = [];
  const PAPER = "Diehl & Cook 2015 (paper)"; // drawn last, so that no other marker hides the paper's points
  const groups = [...groupReferences(refs)].sort(([a], [b]) => Number(a === PAPER) - Number(b === PAPER));
  for (const [name, rows] of groups) {
    const usable = rows.filter((r) => x(r) !== undefined);
    if (usable.length === 0) continue;
    traces.push({
      type: "scatter", mode: "markers", name,
      x: usable.map((r) => x(r)), y: usable.map((r) => r.accuracy),
      error_y: { type: "data", array: usable.map((r) => r.spread ?? 0), visible: usable.some((r) => r.spread) },
      marker: { symbol: REFERENCE_SYMBOLS[name] ?? "circle-open", size: name === PAPER ? 14 : 10, line: { width: 1 } },
      text: usable.map(referenceHover), hovertemplate: "%{text}<extra></extra>",
    });
  }
  return traces;
}

/** The network sizes of the paper and of the BindsNET lab's table, as log-axis ticks. */
export const NEURON_TICKS = { tickvals: [100, 225, 400, 625, 900, 1600, 6400], ticktext: ["100", "225", "400", "625", "900", "1,600", "6,400"] };
const TRAINING_TICKS = { tickvals: [100, 1000, 10000, 100000, 1000000], ticktext: ["100", "1k", "10k", "100k", "1M"] };

/**
 * The layout of the accuracy figures: log x with readable ticks, the legend under the x-axis title (anchored by its
 * top, with the bottom margin to hold it), so that it never covers an axis.
 */
export function accuracyLayout(title: string, xTitle: string, ticks: { tickvals: number[]; ticktext: string[] }): Record<string, unknown> {
  return {
    title: { text: title, font: { size: 15 } }, height: 560,
    xaxis: { title: { text: xTitle, standoff: 8 }, type: "log", ...ticks },
    yaxis: { title: { text: "test accuracy (%)" } },
    legend: { orientation: "h", x: 0, xanchor: "left", y: -0.2, yanchor: "top", font: { size: 11 } },
    margin: { t: 60, b: 170, l: 60, r: 20 },
  };
}

/** Options of the accuracy figures. */
export interface AccuracyFigureOptions {
  /**
   * The series a row belongs to (default: its preset, dataset and evaluation, "ours: diehl-cook-2015 (mnist-full)").
   * Rows of several presets can form one series: perSizeSeries draws Diehl's per-size presets as one line.
   */
  series?: (r: SummaryRow) => string;
}

/** The series name of Diehl's per-size configurations: one line through the preset each size was run with. */
export const PER_SIZE_SERIES = "ours: Diehl's per-size scripts (diehl-cook-2015-nN presets)";

/**
 * A series function that draws `members` (the per-size grid's rows: each size with the preset chosen for it) as one
 * line, PER_SIZE_SERIES, and every other row as its own preset's series. Membership is by row, not by preset name, so
 * a preset that runs one size of the per-size grid and also has published-parameter runs is drawn in both series.
 * The hover text names each point's preset.
 */
export function perSizeSeries(members: readonly SummaryRow[]): (r: SummaryRow) => string {
  const set = new Set(members);
  return (r) => (set.has(r) ? PER_SIZE_SERIES : label(r));
}

/**
 * Accuracy against the number of excitatory neurons (log x). `rows`: one summary row per (preset, dataset, neurons),
 * typically each run's final snapshot.
 */
export function accuracyVsNeuronsFigure(rows: SummaryRow[], references: ReferenceAccuracy[] = [], title = "Accuracy vs number of excitatory neurons",
  options: AccuracyFigureOptions = {}): FigureSpec {
  const measured = Array.from(groupBy(rows, options.series ?? label), ([name, g]) => measuredTrace(name, g, (r) => r.neurons));
  return { data: [...measured, ...referenceTraces(references, (r) => r.neurons)], layout: accuracyLayout(title, "excitatory neurons", NEURON_TICKS) };
}

/**
 * Accuracy against the number of training digits seen (log x), one curve per network size, from learning-curve
 * snapshots. References with a known number of training presentations are drawn as separate marked series.
 */
export function accuracyVsTrainingFigure(rows: SummaryRow[], references: ReferenceAccuracy[] = [], title = "Accuracy vs training digits",
  options: AccuracyFigureOptions = {}): FigureSpec {
  // One colour per network size: a reference point has the colour of our curve of its size and names its size; only
  // references of the sizes drawn are shown (all of them when no curve is given).
  const drawn = new Set(rows.map((r) => r.neurons));
  references = references.filter((r) => r.trainPresentations !== undefined && (drawn.size === 0 || drawn.has(r.neurons)));
  const sizes = [...new Set([...rows.map((r) => r.neurons), ...references.map((r) => r.neurons)])].sort((a, b) => a - b);
  const colour = (n: number) => PLOTLY_COLOURS[sizes.indexOf(n) % PLOTLY_COLOURS.length];
  const series = options.series ?? label;
  const measured = Array.from(groupBy(rows, (r) => `${series(r)}, N = ${r.neurons}`), ([name, g]) => ({
    ...measuredTrace(name, g, (r) => r.trainedSamples), line: { color: colour(g[0].neurons) }, marker: { color: colour(g[0].neurons) },
  }));
  const refs = Array.from(groupBy(references, (r) => String(r.neurons)), ([, g]) =>
    referenceTraces(g, (r) => r.trainPresentations).map((t) => ({
      ...t, name: `${t.name}, N = ${g[0].neurons}`, marker: { ...(t.marker as object), color: colour(g[0].neurons), line: { width: 1.5, color: "#222" } },
    }))).flat();
  return { data: [...measured, ...refs], layout: accuracyLayout(title, "training digits seen", TRAINING_TICKS) };
}

/** A row's (preset, dataset, evaluation, order, neurons): one point of an accuracy-vs-neurons series. */
const sizeKey = (r: SummaryRow) => `${r.preset}/${r.dataset}/${r.evaluatedOn}/${r.trainOrder}/${r.neurons}`;

/**
 * The final snapshot of each (preset, dataset, neurons): the most training digits among complete runs' final
 * snapshots (a size whose runs are all still going is left out).
 */
export function finalRows(rows: SummaryRow[]): SummaryRow[] {
  const best = new Map<string, SummaryRow>();
  for (const r of rows.filter((x) => x.final)) {
    const key = sizeKey(r);
    const current = best.get(key);
    if (!current || r.trainedSamples > current.trainedSamples) best.set(key, r);
  }
  return Array.from(best.values());
}

/**
 * The latest snapshot of each (preset, dataset, evaluation, order, neurons) that every seed of it has reached: for runs
 * still going (a grid committed part way), the point a figure can draw without mixing seeds; complete runs give their
 * final snapshot. Rows with fewer seeds than the most any snapshot of that key has are passed over.
 */
export function latestRows(rows: SummaryRow[]): SummaryRow[] {
  const groups = groupBy(rows, sizeKey);
  return Array.from(groups.values(), (g) => {
    const most = Math.max(...g.map((r) => r.n));
    return g.filter((r) => r.n === most).reduce((a, b) => (b.trainedSamples > a.trainedSamples ? b : a));
  });
}
