import assert from "node:assert/strict";
import { test } from "node:test";
import { accuracyPivot, shortCount } from "../../src/analysis/pivot";
import { summarizeAccuracy } from "../../src/analysis/summary";

const rec = (preset: string, neurons: number, trainedSamples: number, seed: number, accuracy: number) => ({
  preset, dataset: "mnist-full", neurons, trainedSamples, epochsDone: trainedSamples / 60000, seed, accuracy, accuracyProportion: accuracy,
});

test("pivot: a row per size, a column per training amount up to one pass, the end of longer runs apart", () => {
  const summary = summarizeAccuracy([
    rec("p", 100, 10000, 1, 70), rec("p", 100, 10000, 2, 72), rec("p", 100, 60000, 1, 80),
    rec("p", 400, 10000, 1, 75), rec("p", 400, 60000, 1, 85), rec("p", 400, 180000, 1, 89.5),
  ]);
  const p = accuracyPivot(summary);
  assert.deepEqual(p.columns, ["neurons (p, mnist-full)", "10k", "60k", "end of run"]);
  assert.deepEqual(p.rows, [
    ["100", "71.00 +- 1.41 (2)", "80.00 (1)", ""],
    ["400", "75.00 (1)", "85.00 (1)", "89.50 (1) at 180k"],
  ]);
  const two = accuracyPivot(summarizeAccuracy([rec("p", 100, 10000, 1, 70), rec("q", 100, 10000, 1, 60)]), { amounts: [10000] });
  assert.deepEqual(two.rows.map((r) => r[0]), ["p, mnist-full, N = 100", "q, mnist-full, N = 100"]);
  assert.deepEqual([shortCount(500), shortCount(2500), shortCount(60000), shortCount(1200000)], ["500", "2.5k", "60k", "1.2M"]);
});
