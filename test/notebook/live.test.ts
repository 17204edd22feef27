import assert from "node:assert/strict";
import { test } from "node:test";
import { assignmentMapHtml, runningEstimate } from "../../src/notebook/live";
import { Responses } from "../../src/experiment/phases";

const responses = (counts: number[][], labels: number[]): Responses => ({
  counts: Float32Array.from(counts.flat()), labels: Uint8Array.from(labels), samples: labels.length, neurons: counts[0].length,
  stats: { samples: labels.length, presentations: 0, cappedDigits: 0, excSpikes: 0, inputSpikes: 0, eInhClamps: 0, spentInputSpikes: 0, spentExcSpikes: 0, spentInhSpikes: 0, simulatedSteps: 0, seconds: 1, samplesPerSec: 1 },
});

test("running estimate: labels from the previous window, accuracy on the next", () => {
  // neuron 0 answers 3s, neuron 1 answers 7s in the first window
  const previous = responses([[5, 0], [4, 1], [0, 6]], [3, 3, 7]);
  const current = responses([[3, 0], [0, 2], [1, 0], [2, 0]], [3, 7, 7, 3]);
  const { assignment, accuracy } = runningEstimate(previous, current);
  assert.deepEqual([...assignment.labels], [3, 7]);
  assert.equal(accuracy, 75); // the third digit (a 7) is answered by the 3-neuron
});

test("assignment map: one cell per neuron in rows, coloured by class, unassigned grey", () => {
  const html = assignmentMapHtml(Int8Array.from([0, 9, -1, 2]), 2);
  assert.equal((html.match(/<tr>/g) ?? []).length, 2);
  assert.equal((html.match(/<td /g) ?? []).length, 4);
  assert.match(html, /neuron 2: no class" style="[^"]*background:#ccc/);
  assert.match(html, /neuron 1: class 9" style="[^"]*background:#17becf">9</);
});
