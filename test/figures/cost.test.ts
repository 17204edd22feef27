import assert from "node:assert/strict";
import { test } from "node:test";
import { accuracyVsCostFigure, accuracyVsDecisionTimeFigure, costFrontier, costRows, longestPerSize } from "../../src/figures/cost";

const rec = (neurons: number, trainedSamples: number, seed: number, accuracy: number, synOps: number) => ({
  preset: "p", neurons, trainedSamples, seed, accuracy, testCostSynOps: synOps,
  accuracyAt25Ms: accuracy - 30, synOpsAt25Ms: synOps / 10, accuracyAt350Ms: accuracy, synOpsAt350Ms: synOps * 0.9,
});

test("cost rows: seeds averaged per size and amount, records without cost left out; the frontier keeps the non-dominated points", () => {
  const rows = costRows([rec(100, 1000, 1, 80, 100), rec(100, 1000, 2, 82, 120), rec(400, 1000, 1, 85, 400), rec(400, 2000, 1, 84, 500),
    { preset: "p", neurons: 900, trainedSamples: 1000, seed: 1, accuracy: 99 }]);
  assert.deepEqual(rows.map((r) => [r.neurons, r.trainedSamples, r.n, r.accuracyMean, r.synOpsMean]), [[100, 1000, 2, 81, 110], [400, 1000, 1, 85, 400], [400, 2000, 1, 84, 500]]);
  assert.deepEqual(rows[0].decisions, [{ ms: 25, accuracyMean: 51, synOpsMean: 11 }, { ms: 350, accuracyMean: 81, synOpsMean: 99 }]);
  const frontier = costFrontier(rows, (r) => r.synOpsMean, (r) => r.accuracyMean);
  assert.deepEqual(frontier.map((r) => [r.neurons, r.trainedSamples]), [[100, 1000], [400, 1000]], "the dearer, worse point is dominated");
  const fig = accuracyVsCostFigure(rows);
  assert.equal(fig.data.length, 3, "two sizes and the frontier");
  assert.equal((fig.layout.xaxis as { type: string }).type, "log");
  assert.deepEqual(accuracyVsDecisionTimeFigure(rows).data.map((t) => t.x), [[25, 350], [25, 350], [25, 350]]);
  assert.deepEqual(longestPerSize(rows).map((r) => [r.neurons, r.trainedSamples]), [[100, 1000], [400, 2000]], "each size after its longest training");
});
