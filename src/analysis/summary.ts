/**
 * Accuracy summaries over seeds: mean, sample standard deviation (n - 1 denominator; 0 when n = 1) and n, per
 * (preset, dataset, neurons, training amount). Plain TS in f64 (danfojs computes in float32).
 */

export interface SummaryInput {
  preset: string;
  dataset: string;
  neurons: number;
  trainedSamples: number;
  epochsDone: number;
  seed: number;
  accuracy: number;
  accuracyProportion: number;
  /** "test" unless the record says otherwise (validation runs are summarised apart). */
  evaluatedOn?: string;
  /** Seed of a shuffled training order (runs in different orders are summarised apart). */
  shuffleSeed?: number;
  /** Presentations of each evaluation digit (absent: 1; runs with other counts are summarised apart). */
  testRepeats?: number;
  /** The run's training digits per pass and passes (a snapshot at their product is the run's final one). */
  trainSamples?: number;
  epochs?: number;
}

export interface SummaryRow {
  preset: string;
  /** "test" or "validation", with " x K" when each evaluation digit was presented K > 1 times (evaluatedOnLabel). */
  evaluatedOn: string;
  /** "dataset" or "shuffled <seed>". */
  trainOrder: string;
  dataset: string;
  neurons: number;
  trainedSamples: number;
  epochsDone: number;
  n: number;
  accuracyMean: number;
  accuracySd: number;
  /** The lowest and highest accuracy over the seeds (figures draw this range instead of the sd for n <= 3). */
  accuracyMin: number;
  accuracyMax: number;
  accuracyProportionMean: number;
  accuracyProportionSd: number;
  seeds: string;
  /** Every member is its run's final snapshot (the run is complete). */
  final: boolean;
}

/** Mean and sample standard deviation. */
export function meanSd(values: number[]): { mean: number; sd: number; n: number } {
  const n = values.length;
  if (n === 0) throw new RangeError("meanSd: no values");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

/** How a record's training digits were ordered: "dataset" or "shuffled <seed>". */
export function trainOrder(r: { shuffleSeed?: number }): string {
  return r.shuffleSeed === undefined || r.shuffleSeed === null ? "dataset" : `shuffled ${r.shuffleSeed}`;
}

/** What a record was evaluated on: "test" or "validation", and " x K" for K > 1 presentations of each digit. */
export function evaluatedOnLabel(r: { evaluatedOn?: string; testRepeats?: number | null }): string {
  const k = r.testRepeats ?? 1;
  return `${r.evaluatedOn ?? "test"}${k > 1 ? ` x ${k}` : ""}`;
}

/**
 * Only the records of the longest runs (trainSamples x epochs) of each (preset, dataset, evaluatedOn, order, neurons):
 * a learning curve then comes from one kind of run. Where one-pass and three-pass runs of a size exist, their
 * snapshots after one pass differ in protocol (labels on all training digits at a run's end, on 10,000 before), so
 * pooling them by training amount would mix the two. Records without trainSamples/epochs count as length 0.
 */
export function longestRunsOnly<T extends SummaryInput>(records: T[]): T[] {
  const key = (r: T) => JSON.stringify([r.preset, r.dataset, evaluatedOnLabel(r), trainOrder(r), r.neurons]);
  const length = (r: T) => (r.trainSamples ?? 0) * (r.epochs ?? 0);
  const longest = new Map<string, number>();
  for (const r of records) longest.set(key(r), Math.max(longest.get(key(r)) ?? 0, length(r)));
  return records.filter((r) => length(r) === longest.get(key(r)));
}

/** One row per group, sorted by preset, dataset, neurons, training amount. */
export function summarizeAccuracy(records: SummaryInput[]): SummaryRow[] {
  const groups = new Map<string, SummaryInput[]>();
  for (const r of records) {
    const key = JSON.stringify([r.preset, r.dataset, evaluatedOnLabel(r), trainOrder(r), r.neurons, r.trainedSamples]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const rows: SummaryRow[] = [];
  for (const members of groups.values()) {
    const a = meanSd(members.map((r) => r.accuracy));
    const p = meanSd(members.map((r) => r.accuracyProportion));
    const first = members[0];
    rows.push({
      preset: first.preset, evaluatedOn: evaluatedOnLabel(first), trainOrder: trainOrder(first), dataset: first.dataset, neurons: first.neurons, trainedSamples: first.trainedSamples,
      epochsDone: first.epochsDone, n: a.n, accuracyMean: a.mean, accuracySd: a.sd,
      accuracyMin: Math.min(...members.map((r) => r.accuracy)), accuracyMax: Math.max(...members.map((r) => r.accuracy)), accuracyProportionMean: p.mean,
      accuracyProportionSd: p.sd, seeds: members.map((r) => r.seed).sort((x, y) => x - y).join(" "),
      final: members.every((r) => r.trainSamples !== undefined && r.epochs !== undefined && r.trainedSamples === r.trainSamples * r.epochs),
    });
  }
  return rows.sort((x, y) => x.preset.localeCompare(y.preset) || x.dataset.localeCompare(y.dataset) || x.evaluatedOn.localeCompare(y.evaluatedOn) || x.trainOrder.localeCompare(y.trainOrder) ||
    x.neurons - y.neurons || x.trainedSamples - y.trainedSamples);
}

/** A fixed-width text table of summary rows (for terminals). */
export function summaryText(rows: SummaryRow[]): string {
  const header = ["preset", "dataset", "on", "order", "neurons", "trained", "epochs", "n", "accuracy % (mean +- sd)", "proportion %"];
  const body = rows.map((r) => [r.preset, r.dataset, r.evaluatedOn, r.trainOrder, String(r.neurons), String(r.trainedSamples), r.epochsDone.toFixed(2), String(r.n),
    `${r.accuracyMean.toFixed(2)} +- ${r.accuracySd.toFixed(2)}`, `${r.accuracyProportionMean.toFixed(2)} +- ${r.accuracyProportionSd.toFixed(2)}`]);
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(widths[k])).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}
