import assert from "node:assert/strict";
import { test } from "node:test";
import { Assignment } from "../../src/analysis/labels";
import { inhibitionScheduleFigure, latticeLabelMapFigure, neighbourAgreement, readoutFigure } from "../../src/figures/lattice";

const assignment = (labels: number[]): Assignment => ({
  labels: Int8Array.from(labels), proportions: new Float64Array(labels.length * 10), rates: new Float64Array(labels.length * 10), classes: 10, neurons: labels.length,
});

test("lattice figures: the label map puts neuron k at row k div side, column k mod side (unassigned blank)", () => {
  const spec = latticeLabelMapFigure(assignment([3, 3, -1, 7]));
  assert.deepEqual(spec.data[0].z, [[3, 3], [null, 7]]);
  assert.throws(() => latticeLabelMapFigure(assignment([1, 2, 3])), /square number of neurons/);
});

test("lattice figures: neighbour agreement counts right and lower neighbours with the same class (unassigned skipped)", () => {
  // rows (1 1 2) (1 1 2) (-1 5 2). Right pairs: (1,1) (1,2) (1,1) (1,2) (5,2), 2 alike; (-1,5) skipped.
  // Pairs below: (1,1) (1,1) (1,5) (2,2) (2,2), 4 alike; (1,-1) skipped. 6 of 10.
  assert.equal(neighbourAgreement(assignment([1, 1, 2, 1, 1, 2, -1, 5, 2])), 0.6);
});

test("lattice figures: readouts drawn as mean +- sd over the records that have the column", () => {
  const spec = readoutFigure([{ name: "a", records: [{ accuracy: 80, accuracyDistance: 70 }, { accuracy: 90 }] }]);
  const bars = spec.data[0] as { x: string[]; y: (number | null)[]; customdata: number[] };
  assert.equal(bars.x[0], "all-activity");
  assert.equal(bars.y[0], 85);
  assert.equal(bars.y[bars.x.indexOf("distance")], 70);
  assert.equal(bars.y[bars.x.indexOf("ngram2")], null);
  assert.equal(bars.customdata[0], 2);
});

test("lattice figures: the schedule figure steps c as the schedule does", () => {
  const spec = inhibitionScheduleFigure([{ name: "two", schedule: { kind: "two-level", cLow: 1, lowFraction: 0.5 }, cap: 20 }], 400);
  const line = spec.data[0] as { x: number[]; y: number[] };
  assert.equal(line.y[line.x.indexOf(200)], 1);
  assert.equal(line.y[line.x.indexOf(201)], 20);
});
