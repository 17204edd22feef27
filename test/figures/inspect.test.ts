import assert from "node:assert/strict";
import { test } from "node:test";
import { misclassified, perClassAccuracy } from "../../src/analysis/metrics";
import { histogramFigure, misclassifiedGallery, perClassAccuracyFigure } from "../../src/figures/inspect";

test("per-class accuracy and the misclassified digits", () => {
  const labels = Uint8Array.of(0, 0, 1, 1, 1, 2);
  const predicted = Uint8Array.of(0, 1, 1, 1, 0, 2);
  assert.deepEqual(perClassAccuracy(predicted, labels, 4).map((x) => (Number.isNaN(x) ? "none" : x)), [50, 200 / 3, 100, "none"]);
  assert.deepEqual(misclassified(predicted, labels), [1, 4]);
  assert.deepEqual(misclassified(predicted, labels, 1), [1]);
  assert.throws(() => perClassAccuracy(Uint8Array.of(1), labels), /1 predictions for 6 labels/);
  const fig = perClassAccuracyFigure([50, 100], 75);
  assert.deepEqual((fig.data[0] as { y: number[] }).y, [50, 100]);
  assert.equal((fig.data[1] as { name: string }).name, "overall 75.00 %");
});

test("histograms overlay named sets; the gallery captions true -> predicted in grid order", () => {
  const h = histogramFigure([{ name: "a", values: Float32Array.of(1, 2) }, { name: "b", values: [3] }], "weight", "t", 2);
  assert.deepEqual(h.data.map((d) => (d as { x: number[] }).x), [[1.5, 2.5], [1.5, 2.5]], "bin centres over the common range 1-3");
  assert.deepEqual(h.data.map((d) => (d as { y: number[] }).y), [[1, 1], [0, 1]]);
  const digits = { images: new Uint8Array(3 * 784).fill(7), labels: Uint8Array.of(4, 5, 6), count: 3 };
  const g = misclassifiedGallery(digits, [2, 0], Uint8Array.of(1, 5, 9), 30, 2, 1);
  assert.deepEqual(g.captions, ["#2: 6 -> 9", "#0: 4 -> 1"]);
  assert.ok(g.grid && g.grid.width > 28 && g.grid.pixels.includes(7));
  assert.equal(misclassifiedGallery(digits, [], Uint8Array.of(4, 5, 6)).grid, undefined);
});
