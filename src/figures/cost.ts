/**
 * The cost figures (docs/cost.md): accuracy against SynOps per classification, over network sizes and training
 * amounts, with the accuracy-cost frontier; and accuracy against decision time, per size. Data in, plotly spec out.
 */
import { meanSd } from "../analysis/summary";
import { groupBy, logTicks } from "./accuracy";
import { PLOTLY_COLOURS } from "./palette";
import { FigureSpec } from "./spec";

/** The fields of a record the cost figures read (StoredRecord has them; older records lack the cost ones). */
export interface CostInput {
  preset: string;
  neurons: number;
  trainedSamples: number;
  seed: number;
  accuracy: number;
  testCostSynOps?: number;
}

/** A record's field by name (the decision-time fields are named by their time: accuracyAt25Ms, ...). */
function field(r: CostInput, name: string): unknown {
  return (r as unknown as Record<string, unknown>)[name];
}

/** One (preset, size, training amount) over its seeds: accuracy and SynOps per test digit, means. */
export interface CostRow {
  preset: string;
  neurons: number;
  trainedSamples: number;
  n: number;
  accuracyMean: number;
  accuracySd: number;
  synOpsMean: number;
  /** Per decision time (ms): accuracy and SynOps means over the seeds that recorded it. */
  decisions: { ms: number; accuracyMean: number; synOpsMean: number }[];
}

/** The records with cost fields, averaged over seeds per (preset, neurons, trainedSamples). */
export function costRows(records: CostInput[]): CostRow[] {
  const withCost = records.filter((r) => typeof r.testCostSynOps === "number");
  return [...groupBy(withCost, (r) => `${r.preset}|${r.neurons}|${r.trainedSamples}`).values()].map((g) => {
    const acc = meanSd(g.map((r) => r.accuracy));
    const times = new Set<number>();
    for (const r of g) for (const k of Object.keys(r as object)) { const m = /^accuracyAt(\d+)Ms$/.exec(k); if (m) times.add(Number(m[1])); }
    const decisions = [...times].sort((a, b) => a - b).map((ms) => {
      const have = g.filter((r) => typeof field(r, `accuracyAt${ms}Ms`) === "number");
      return {
        ms,
        accuracyMean: meanSd(have.map((r) => field(r, `accuracyAt${ms}Ms`) as number)).mean,
        synOpsMean: meanSd(have.map((r) => field(r, `synOpsAt${ms}Ms`) as number)).mean,
      };
    });
    return {
      preset: g[0].preset, neurons: g[0].neurons, trainedSamples: g[0].trainedSamples, n: g.length,
      accuracyMean: acc.mean, accuracySd: acc.sd, synOpsMean: meanSd(g.map((r) => r.testCostSynOps!)).mean, decisions,
    };
  });
}

/** The points no other point beats on both axes (lower cost and higher accuracy), by rising cost. */
export function costFrontier<T>(points: T[], cost: (p: T) => number, accuracy: (p: T) => number): T[] {
  const sorted = [...points].sort((a, b) => cost(a) - cost(b) || accuracy(b) - accuracy(a));
  const out: T[] = [];
  for (const p of sorted) if (out.length === 0 || accuracy(p) > accuracy(out[out.length - 1])) out.push(p);
  return out;
}

/** Each size's row after its longest training (the decision-time figure's default selection). */
export function longestPerSize(rows: CostRow[]): CostRow[] {
  return [...groupBy(rows, (r) => String(r.neurons)).values()].map((g) => g.reduce((a, b) => (b.trainedSamples > a.trainedSamples ? b : a)));
}

const sizeName = (n: number) => `${n.toLocaleString("en-US")} neurons`;

/** Accuracy against SynOps per test digit (log x): one series per size (its training amounts), the frontier as a line. */
export function accuracyVsCostFigure(rows: CostRow[], title = "Accuracy vs cost per classification"): FigureSpec {
  const sizes = [...groupBy(rows, (r) => String(r.neurons))].sort(([a], [b]) => Number(a) - Number(b));
  const data: Record<string, unknown>[] = sizes.map(([, g], k) => {
    const s = [...g].sort((a, b) => a.trainedSamples - b.trainedSamples);
    return {
      type: "scatter", mode: "markers", name: sizeName(s[0].neurons), marker: { color: PLOTLY_COLOURS[k % PLOTLY_COLOURS.length], size: 9 },
      x: s.map((r) => r.synOpsMean), y: s.map((r) => r.accuracyMean),
      text: s.map((r) => `${r.preset}, ${r.trainedSamples.toLocaleString("en-US")} digits, n = ${r.n} seeds`),
      hovertemplate: "%{y:.2f} % at %{x:.3s} SynOps (%{text})<extra></extra>",
    };
  });
  const frontier = costFrontier(rows, (r) => r.synOpsMean, (r) => r.accuracyMean);
  data.push({
    type: "scatter", mode: "lines", name: "frontier (no point is cheaper and more accurate)", line: { color: "#444", dash: "dot" },
    x: frontier.map((r) => r.synOpsMean), y: frontier.map((r) => r.accuracyMean), hoverinfo: "skip",
  });
  return {
    data,
    layout: {
      title: { text: title, font: { size: 15 } }, height: 520,
      xaxis: { title: { text: "SynOps per test digit (docs/cost.md)" }, type: "log", ...logTicks(Math.min(...rows.map((r) => r.synOpsMean)), Math.max(...rows.map((r) => r.synOpsMean))) },
      yaxis: { title: { text: "test accuracy (%)" } },
      legend: { orientation: "h", x: 0, y: -0.2, yanchor: "top" }, margin: { t: 60, b: 140, l: 60, r: 20 },
    },
  };
}

/** Accuracy against decision time (ms into the classifying presentation), one line per size (each size's rows as given). */
export function accuracyVsDecisionTimeFigure(rows: CostRow[], title = "Accuracy vs decision time"): FigureSpec {
  const sorted = [...rows].filter((r) => r.decisions.length > 0).sort((a, b) => a.neurons - b.neurons);
  return {
    data: sorted.map((r, k) => ({
      type: "scatter", mode: "lines+markers", name: `${sizeName(r.neurons)}, ${r.trainedSamples.toLocaleString("en-US")} digits`,
      marker: { color: PLOTLY_COLOURS[k % PLOTLY_COLOURS.length] },
      x: r.decisions.map((d) => d.ms), y: r.decisions.map((d) => d.accuracyMean),
      text: r.decisions.map((d) => `${Math.round(d.synOpsMean).toLocaleString("en-US")} SynOps spent`),
      hovertemplate: "%{y:.2f} % after %{x} ms (%{text})<extra></extra>",
    })),
    layout: {
      title: { text: title, font: { size: 15 } }, height: 480,
      xaxis: { title: { text: "decision after (ms of the presentation)" } },
      yaxis: { title: { text: "test accuracy (%)" } },
      legend: { orientation: "h", x: 0, y: -0.2, yanchor: "top" }, margin: { t: 60, b: 130, l: 60, r: 20 },
    },
  };
}
