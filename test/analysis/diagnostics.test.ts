import assert from "node:assert/strict";
import { test } from "node:test";
import { learnedNeurons, quantiles, spikeConcentration, spikeTiming } from "../../src/analysis/diagnostics";

test("quantiles: order statistics at floor(q (n - 1))", () => {
  assert.deepEqual(quantiles([5, 1, 4, 2, 3], [0, 0.5, 0.9, 1]), [1, 3, 4, 5]);
  assert.throws(() => quantiles([], [0.5]), /no values/);
  assert.throws(() => quantiles([1], [NaN]), /q must be in \[0, 1\], got NaN/);
});

test("learnedNeurons: counts columns whose largest weight reaches the bound", () => {
  // 3 inputs x 2 neurons: neuron 0 max 0.25, neuron 1 max 0.31
  const w = Float32Array.of(0.25, 0.1, 0.2, 0.31, 0.1, 0.0);
  assert.equal(learnedNeurons(w, 2), 1);
  assert.equal(learnedNeurons(w, 2, 0.2), 2);
  assert.throws(() => learnedNeurons(w, 4), /must be inputs x neurons/);
});

test("spikeTiming: volleys, largest volley and repeats within the burst window", () => {
  // step 3: neurons 0,1,2 (a volley of 3); step 10: neuron 0 again (repeat, 7 steps later); step 200: neuron 1 (too late)
  const t = spikeTiming([3, 3, 3, 10, 200], [0, 1, 2, 0, 1], 3, 80);
  assert.deepEqual(t, { spikes: 5, largestVolley: 3, inVolleys: 3, repeats: 1 });
  assert.deepEqual(spikeTiming([], []), { spikes: 0, largestVolley: 0, inVolleys: 0, repeats: 0 });
  assert.throws(() => spikeTiming([2, 1], [0, 0]), /time order/);
  assert.throws(() => spikeTiming([1], []), /1 steps but 0 neurons/);
});

test("spikeConcentration: the k busiest neurons and their share", () => {
  const c = spikeConcentration([0, 63, 2, 2, 0, 1], 2);
  assert.deepEqual(c.top, [{ neuron: 1, spikes: 63 }, { neuron: 2, spikes: 2 }]);
  assert.equal(c.spikes, 68);
  assert.equal(c.firing, 4);
  assert.equal(c.topShare, 65 / 68);
  assert.equal(spikeConcentration([0, 0], 1).topShare, 0);
  assert.throws(() => spikeConcentration([1], 0), /k must be an integer >= 1, got 0/);
  assert.throws(() => spikeConcentration([1, -1], 1), /neuron 1 has -1 spikes/);
});

test("parseDiagnosticsTable: the script's text rows, with and without validation accuracy", async () => {
  const { parseDiagnosticsTable } = await import("../../src/analysis/diagnostics");
  const text = [
    "digits  spikes/digit  fired  threshold-rest mV q10/q50/q90  learned  largest-volley  in-volleys  repeats  s",
    "  9000         51.0  6333                  6.2/6.5/7.3     477            9.6        18%     60%  62",
    " 50000         93.9  6259                 1.1/1.6/18.0    3010           19.5        24%     63%1277  validation 48.47 %",
    // with the neurons-per-digit and clamps columns of newer outputs
    " 10000         18.5  6206               17.0/18.0/19.5       0            5.1         0%     16%  42           12.7         1090.4  validation 71.77 %",
    "",
  ].join("\n");
  const rows = parseDiagnosticsTable(text);
  assert.deepEqual(rows[0], { digits: 9000, spikesPerDigit: 51, fired: 6333, thresholdAboveRestMv: [6.2, 6.5, 7.3], learned: 477,
    largestVolley: 9.6, inVolleysPercent: 18, repeatsPercent: 60, seconds: 62 });
  assert.equal(rows[1].validationAccuracy, 48.47);
  assert.equal(rows[1].seconds, 1277);
  assert.equal(rows[1].neuronsPerDigit, undefined);
  assert.deepEqual([rows[2].seconds, rows[2].neuronsPerDigit, rows[2].clampedPerDigit, rows[2].validationAccuracy], [42, 12.7, 1090.4, 71.77]);
  assert.throws(() => parseDiagnosticsTable("digits ...\n12 abc"), /line 2 is not a diagnostics row: "12 abc"/);
});

test("learningDiagnosticsFigure: per run a threshold band and median, learned share and largest volley on three panels", async () => {
  const { learningDiagnosticsFigure } = await import("../../src/figures/diagnostics");
  const row = (digits: number, learned: number) => ({ digits, spikesPerDigit: 20, fired: 10, thresholdAboveRestMv: [1, 2, 3] as [number, number, number],
    learned, largestVolley: 4, inVolleysPercent: 0, repeatsPercent: 50, seconds: 1 });
  const fig = learningDiagnosticsFigure([{ name: "N=200", neurons: 200, rows: [row(1000, 50), row(2000, 100)] }]);
  assert.equal(fig.data.length, 5);
  assert.deepEqual(fig.data[2].y, [2, 2]); // median threshold
  assert.deepEqual(fig.data[3].y, [25, 50]); // learned, percent of 200
  assert.equal(fig.data[4].yaxis, "y3");
});
