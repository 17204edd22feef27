/**
 * The summary as a reader wants it: one row per preset and network size, one column per training amount, each cell
 * "mean +- sd (n)". Plain data (strings), for notebooks (display.ts `show`) and text.
 */
import { meanSdText } from "./numberFormat";
import { SummaryRow } from "./summary";

export interface AccuracyPivot {
  kind: "accuracy-pivot";
  /** Column headers: the row label's, then one per training amount ("1k", "60k", "180k", ...). */
  columns: string[];
  /** One row per (preset, evaluated on, order, neurons): its label, then a cell per training amount ("" where none). */
  rows: string[][];
  caption: string;
}

/** "1k", "2.5k", "60k", "1.2M": a digit count in a narrow column. */
export function shortCount(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/**
 * Pivot summary rows (summarizeAccuracy) by training digits. Rows of one preset, dataset and protocol are labelled by
 * their network size alone when only one such group is present. Columns: `amounts` (default: every amount up to one
 * pass of 60,000 digits), then, when some row goes further, "end of run": each row's last amount with its digits.
 */
export function accuracyPivot(summary: SummaryRow[], options: { amounts?: number[]; caption?: string } = {}): AccuracyPivot {
  const group = (r: SummaryRow) => [r.preset, r.dataset, r.evaluatedOn === "test" ? "" : r.evaluatedOn, r.trainOrder === "dataset" ? "" : r.trainOrder].filter(Boolean).join(", ");
  const groups = [...new Set(summary.map(group))];
  const all = [...new Set(summary.map((r) => r.trainedSamples))].sort((a, b) => a - b);
  const amounts = options.amounts ?? all.filter((a) => a <= 60000);
  const beyond = all.some((a) => a > Math.max(...amounts));
  const keys = [...new Set(summary.map((r) => JSON.stringify([group(r), r.neurons])))]
    .map((k) => JSON.parse(k) as [string, number])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
  const text = (r: SummaryRow) => meanSdText(r.accuracyMean, r.accuracySd, r.n);
  const cell = (g: string, neurons: number, amount: number) => {
    const r = summary.find((x) => group(x) === g && x.neurons === neurons && x.trainedSamples === amount);
    return r ? text(r) : "";
  };
  const end = (g: string, neurons: number) => {
    const last = summary.filter((x) => group(x) === g && x.neurons === neurons).reduce((a, b) => (b.trainedSamples > a.trainedSamples ? b : a));
    return amounts.includes(last.trainedSamples) ? "" : `${text(last)} at ${shortCount(last.trainedSamples)}`;
  };
  return {
    kind: "accuracy-pivot",
    columns: [groups.length === 1 ? `neurons (${groups[0]})` : "preset, neurons", ...amounts.map(shortCount), ...(beyond ? ["end of run"] : [])],
    rows: keys.map(([g, neurons]) => [groups.length === 1 ? String(neurons) : `${g}, N = ${neurons}`, ...amounts.map((a) => cell(g, neurons, a)), ...(beyond ? [end(g, neurons)] : [])]),
    caption: options.caption ?? "Accuracy % over seeds: mean +- sd (n seeds), by training digits seen",
  };
}
