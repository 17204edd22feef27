import assert from "node:assert/strict";
import { test } from "node:test";
import { assignLabels, predictAllActivity, predictProportion, UNASSIGNED } from "../../src/analysis/labels";
import { accuracyPercent, confusionMatrix } from "../../src/analysis/metrics";

// 4 samples x 4 neurons, 3 classes. Sample labels: 0, 1, 1, 2.
const counts = Float32Array.from([
  5, 0, 0, 0, // class 0
  0, 4, 1, 0, // class 1
  0, 2, 1, 0, // class 1
  1, 0, 3, 0, // class 2
]);
const labels = Uint8Array.of(0, 1, 1, 2);

test("assignment: class of highest mean count; silent neurons unassigned", () => {
  const a = assignLabels(counts, labels, 4, 3);
  // neuron 0: means (5, 0, 1) -> 0; neuron 1: (0, 3, 0) -> 1; neuron 2: (0, 1, 3) -> 2; neuron 3 never fires
  assert.deepEqual(Array.from(a.labels), [0, 1, 2, UNASSIGNED]);
  assert.deepEqual(Array.from(a.rates.subarray(0, 3)), [5, 0, 1]);
  assert.ok(Math.abs(a.proportions[0] - 5 / 6) < 1e-12);
});

test("assignment tie-break: the lowest class wins", () => {
  const a = assignLabels(Float32Array.of(2, 2), Uint8Array.of(1, 0), 1, 2);
  assert.deepEqual(Array.from(a.labels), [0]);
});

test("all-activity prediction: mean count of each class's neurons; ties and silence go to the lowest class", () => {
  const a = assignLabels(counts, labels, 4, 3);
  const test = Float32Array.from([
    0, 3, 2, 9, // class scores (0, 3, 2) -> 1 (neuron 3 is unassigned and ignored)
    4, 0, 4, 0, // (4, 0, 4) -> tie -> 0
    0, 0, 0, 0, // silent -> 0
  ]);
  assert.deepEqual(Array.from(predictAllActivity(test, 3, a)), [1, 0, 0]);
});

test("proportion weighting: score_c = sum count_j * proportion_j,c over class-c neurons / members", () => {
  const a = assignLabels(counts, labels, 4, 3);
  // neuron 0 (class 0): proportion 5/6; neuron 2 (class 2): proportion 3/4
  // counts (4, 0, 4.5, 0): class 0 -> 4 * 5/6 = 3.33; class 2 -> 4.5 * 3/4 = 3.375 -> 2 (all-activity would say 2 as well)
  // counts (4, 0, 4.4, 0): class 0 -> 3.333; class 2 -> 3.3 -> 0 (all-activity says 2)
  const test = Float32Array.from([4, 0, 4.5, 0, 4, 0, 4.4, 0]);
  assert.deepEqual(Array.from(predictProportion(test, 2, a)), [2, 0]);
  assert.deepEqual(Array.from(predictAllActivity(test, 2, a)), [2, 2]);
});

test("accuracy and confusion", () => {
  assert.equal(accuracyPercent(Uint8Array.of(1, 2, 3, 3), Uint8Array.of(1, 2, 3, 4)), 75);
  assert.deepEqual(confusionMatrix(Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0), 2), [[1, 1], [0, 1]]);
  assert.throws(() => accuracyPercent(Uint8Array.of(1), Uint8Array.of(1, 2)), /1 predictions for 2 labels/);
  assert.throws(() => assignLabels(Float32Array.of(1, 2, 3), Uint8Array.of(0, 1), 2), /counts must hold samples x neurons = 2 x 2 = 4 values, got 3/);
  assert.throws(() => assignLabels(Float32Array.of(1, 2), Uint8Array.of(0, 11), 1), /label of sample 1 must be an integer in \[0, 10\), got 11/);
});
