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
    customdata: sorted.map((r) => `${r.preset}, N = ${r.neurons}, ${r.trainedSamples} digits (${passesText(r.epochsDone)}), ` +
      (range(r) ? `n = ${r.n} seeds (${r.seeds}), bars: their range ${r.accuracyMin.toFixed(2)}-${r.accuracyMax.toFixed(2)}` : `n = ${r.n} seeds, bars: +- sd ${r.accuracySd.toFixed(2)}`)),
    hovertemplate: "%{y:.2f} % (%{customdata})<extra></extra>",
  };
}

/** "1 pass", "15 passes", "0.17 passes". */
export function passesText(passes: number): string {
  const p = Number(passes.toFixed(2));
  return `${p} ${p === 1 ? "pass" : "passes"}`;
}

/**
 * A series of points trained for different amounts says so: a series whose points share their passes names them in
 * its legend entry; otherwise each point is labelled with its own ("3p").
 */
function withPasses(trace: Record<string, unknown>, rows: SummaryRow[]): Record<string, unknown> {
  const passes = [...new Set(rows.map((r) => Number(r.epochsDone.toFixed(2))))];
  if (passes.length === 1) return { ...trace, name: `${trace.name as string}, ${passesText(passes[0])}` };
  const byX = [...rows].sort((a, b) => a.neurons - b.neurons);
  return {
    ...trace, name: `${trace.name as string}, passes as labelled`, mode: "lines+markers+text", textposition: "top right",
    text: byX.map((r) => `${Number(r.epochsDone.toFixed(2))}p`), textfont: { size: 10 },
  };
}

/** A preset label with overrides (PRESET+path=value): a departure from the documented preset, drawn apart. */
export function isDeparture(preset: string): boolean {
  return preset.includes("+");
}

/** Log-axis ticks at the values drawn (at most `most`, spread evenly in log), written with thousands separators. */
export function ticksAt(values: number[], most = 12): { tickvals: number[]; ticktext: string[] } {
  let tickvals = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  if (tickvals.length > most) {
    const lo = Math.log(tickvals[0]), hi = Math.log(tickvals[tickvals.length - 1]);
    const kept: number[] = [];
    for (let k = 0; k < most; k++) {
      const target = lo + ((hi - lo) * k) / (most - 1);
      const nearest = tickvals.reduce((a, b) => (Math.abs(Math.log(b) - target) < Math.abs(Math.log(a) - target) ? b : a));
      if (!kept.includes(nearest)) kept.push(nearest);
    }
    tickvals = kept;
  }
  return { tickvals, ticktext: tickvals.map((v) => v.toLocaleString("en")) };
}

/** Log-axis ticks 1, 2, 5 x 10^k spanning [min, max], written compactly (500, 1k, 2k, 1M). */
export function logTicks(min: number, max: number): { tickvals: number[]; ticktext: string[] } {
  const tickvals: number[] = [];
  if (!(min > 0 && max >= min)) return { tickvals, ticktext: [] };
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min / 1.5 && v <= max * 1.5) tickvals.push(v);
    }
  }
  const compact = (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v));
  return { tickvals, ticktext: tickvals.map(compact) };
}

/** The published points, one series per source (figures/references.ts). */
export function referenceTraces(refs: ReferenceAccuracy[], x: (r: ReferenceAccuracy) => number | undefined): Record<string, unknown>[] {
  const traces: Record<string, unknown>[] = [];
  const PAPER = "Diehl & Cook 2015 (paper)"; // drawn last, so that no other marker hides the paper's points
  const RELEASED = "Diehl & Cook released code (readme)"; // an open marker, larger: visible around the lab's point at 400
  const groups = [...groupReferences(refs)].sort(([a], [b]) => Number(a === PAPER) - Number(b === PAPER));
  for (const [name, rows] of groups) {
    const usable = rows.filter((r) => x(r) !== undefined);
    if (usable.length === 0) continue;
    traces.push({
      type: "scatter", mode: "markers", name,
      x: usable.map((r) => x(r)), y: usable.map((r) => r.accuracy),
      error_y: { type: "data", array: usable.map((r) => r.spread ?? 0), visible: usable.some((r) => r.spread) },
      marker: { symbol: REFERENCE_SYMBOLS[name] ?? "circle-open", size: name === PAPER ? 14 : name === RELEASED ? 16 : 10, line: { width: name === RELEASED ? 2.5 : 1 } },
      text: usable.map(referenceHover), hovertemplate: "%{text}<extra></extra>",
    });
  }
  return traces;
}


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
  const measured = Array.from(groupBy(rows, options.series ?? label), ([name, g]) => withPasses(measuredTrace(name, g, (r) => r.neurons), g));
  const refs = referenceTraces(references, (r) => r.neurons);
  const sizes = [...rows.map((r) => r.neurons), ...refs.flatMap((t) => t.x as number[])];
  return { data: [...measured, ...refs], layout: accuracyLayout(title, "excitatory neurons", ticksAt(sizes)) };
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
  const amounts = [...rows.map((r) => r.trainedSamples), ...references.map((r) => r.trainPresentations!)];
  return { data: [...measured, ...refs], layout: accuracyLayout(title, "training digits seen", logTicks(Math.min(...amounts), Math.max(...amounts))) };
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

/**
 * One point per network size: the row with the most training (a grid's rows can hold several evaluations of a size,
 * for example ten presentations per test digit after one pass and one presentation after two).
 */
export function mostTrainedPerSize(rows: SummaryRow[]): SummaryRow[] {
  return Array.from(groupBy(rows, (r) => String(r.neurons)).values(), (g) => g.reduce((a, b) => (b.trainedSamples > a.trainedSamples ? b : a)));
}
