import assert from "node:assert/strict";
import { test } from "node:test";
import { learnedNeurons, quantiles, spikeTiming } from "../../src/analysis/diagnostics";

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
