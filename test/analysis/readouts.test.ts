import assert from "node:assert/strict";
import { test } from "node:test";
import { assignLabels } from "../../src/analysis/labels";
import { confidenceWeights, countPairs, READOUTS, ReadoutData } from "../../src/analysis/readouts";
import { runningAccuracy } from "../../src/analysis/runningAccuracy";
import { Network } from "../../src/core/network";
import { SpikeOrderLog } from "../../src/core/spikeOrder";
import { loadMnist } from "../../src/data/mnist";
import { respond, train } from "../../src/experiment/phases";

const readout = (name: string) => READOUTS.find((r) => r.name === name)!;

// Three neurons, two classes. Labelled responses: class 0 digits drive neurons 0 and 1, class 1 digits neuron 2 (and
// a little neuron 1). Rates per class: n0 (4, 0), n1 (2, 1), n2 (0, 3) -> labels 0, 0, 1.
const labelled: ReadoutData = { counts: Float32Array.of(4, 2, 0, /**/ 0, 1, 3), labels: Uint8Array.of(0, 1), samples: 2, neurons: 3 };
const assignment = assignLabels(labelled.counts, labelled.labels, 3, 2);

test("readouts: the confidence weights are each neuron's share of the class's rate over all neurons", () => {
  assert.deepEqual(Array.from(assignment.labels), [0, 0, 1]);
  // class 0: rates 4, 2, 0 (sum 6); class 1: 0, 1, 3 (sum 4)
  assert.deepEqual(Array.from(confidenceWeights(assignment)), [4 / 6, 0, 2 / 6, 1 / 4, 0, 3 / 4]);
});

test("readouts: confidence weighting can disagree with all-activity (hand-computed scores)", () => {
  // a digit with counts (0, 3, 2): all-activity scores class 0 (0 + 3) / 2 = 1.5, class 1 2 / 1 = 2 -> 1;
  // confidence: class 0 (0 * 4/6 + 3 * 2/6) / 2 = 0.5, class 1 2 * 3/4 = 1.5 -> 1; counts (3, 0, 2): 1.0 against 1.5 -> 1,
  // all-activity 1.5 against 2 -> 1; counts (6, 0, 1): confidence 2 against 0.75 -> 0, all-activity 3 against 1 -> 0
  const data: ReadoutData = { counts: Float32Array.of(0, 3, 2, 3, 0, 2, 6, 0, 1), labels: Uint8Array.of(1, 1, 0), samples: 3, neurons: 3 };
  const c = readout("confidence");
  assert.deepEqual(Array.from(c.predict(c.fit(labelled, assignment, { weights: new Float32Array(0), normTotal: 1 }), data)), [1, 1, 0]);
  // counts (4, 4, 3): all-activity 4 against 3 -> 0; confidence (4 * 4/6 + 4 * 2/6) / 2 = 2 against 3 * 3/4 = 2.25 -> 1
  const split: ReadoutData = { ...data, counts: Float32Array.of(4, 4, 3), labels: Uint8Array.of(0), samples: 1 };
  const all = readout("all-activity");
  assert.deepEqual(Array.from(all.predict(all.fit(labelled, assignment, { weights: new Float32Array(0), normTotal: 1 }), split)), [0]);
  assert.deepEqual(Array.from(c.predict(c.fit(labelled, assignment, { weights: new Float32Array(0), normTotal: 1 }), split)), [1]);
});

test("readouts: distance predicts the label of the nearest filter to the pixels scaled to normTotal", () => {
  // 784 inputs, 3 neurons: neuron 0's filter is all on pixel 0, neuron 2's on pixel 1 (each sums to 78)
  const weights = new Float32Array(784 * 3);
  weights[0 * 3 + 0] = 78;
  weights[1 * 3 + 2] = 78;
  weights[5 * 3 + 1] = 78;
  const images = new Uint8Array(784 * 2);
  images[1] = 200; // digit 0: only pixel 1 -> scaled to 78 there: neuron 2's filter exactly -> class 1
  images[784] = 10; // digit 1: pixel 0 (10) and pixel 1 (5) -> 52, 26: nearer neuron 0 (class 0)
  images[785] = 5;
  const d = readout("distance");
  const model = d.fit(labelled, assignment, { weights, normTotal: 78 });
  assert.deepEqual(Array.from(d.predict(model, { counts: new Float32Array(6), labels: Uint8Array.of(1, 0), samples: 2, neurons: 3, images })), [1, 0]);
  assert.throws(() => d.predict(model, { counts: new Float32Array(6), labels: Uint8Array.of(1, 0), samples: 2, neurons: 3 }), /readout distance: the responses carry no pixels/);
});

test("readouts: ngram2 counts consecutive pairs per class and sums their normalised counts", () => {
  // labelled orders: digit 0 (class 0) fires 0, 1, 0; digit 1 (class 1) fires 2, 1, 0
  const orders = { neurons: Int32Array.of(0, 1, 0, 2, 1, 0), starts: Int32Array.of(0, 3, 6) };
  const table = countPairs(orders, Uint8Array.of(0, 1), 2, 3, 2);
  assert.deepEqual(Array.from(table.get(0 * 3 + 1)!), [1, 0]);
  assert.deepEqual(Array.from(table.get(1 * 3 + 0)!), [1, 1]);
  assert.deepEqual(Array.from(table.get(2 * 3 + 1)!), [0, 1]);
  const n = readout("ngram2");
  const model = n.fit({ ...labelled, orders }, assignment, { weights: new Float32Array(0), normTotal: 1 });
  // test orders: (1, 0): 0.5 / 0.5 -> tie -> 0; (2, 1, 0): (0, 1) + (0.5, 0.5) -> 1; (0, 1): class 0; (1): no pair -> 0
  const test = { neurons: Int32Array.of(1, 0, 2, 1, 0, 0, 1, 1), starts: Int32Array.of(0, 2, 5, 7, 8) };
  const data: ReadoutData = { counts: new Float32Array(12), labels: new Uint8Array(4), samples: 4, neurons: 3, orders: test };
  assert.deepEqual(Array.from(n.predict(model, data)), [0, 1, 0, 0]);
});

test("spike order: each step's spikes appended in ascending order, across steps in time order", () => {
  const log = new SpikeOrderLog();
  log.addStep(Int32Array.of(7, 2, 5), 3);
  log.addStep(Int32Array.of(1), 1);
  log.addStep(Int32Array.of(9, 3, 0, 4), 2); // only the first two count
  assert.deepEqual(Array.from(log.values()), [2, 5, 7, 1, 3, 9]);
  log.clear();
  for (let k = 0; k < 300; k++) log.addStep(Int32Array.of(k), 1); // grows past its first capacity
  assert.equal(log.count, 300);
  assert.equal(log.values()[299], 299);
});

test("spike order: respond keeps each digit's order, with as many spikes as its counts, on both devices alike", () => {
  const data = loadMnist({ train: 30, test: 0 });
  const orders = (kernels: "wasm" | "ts") => {
    const net = new Network({ neurons: 20, seed: 2, kernels });
    train(net, data.train, { samples: 20 });
    return respond(net, data.train, { start: 20, samples: 10, spikeOrder: true });
  };
  const wasm = orders("wasm"), ts = orders("ts");
  assert.deepEqual(wasm.orders, ts.orders);
  const o = wasm.orders!;
  for (let k = 0; k < 10; k++) {
    let spikes = 0;
    for (let j = 0; j < 20; j++) spikes += wasm.counts[k * 20 + j];
    assert.equal(o.starts[k + 1] - o.starts[k], spikes, `digit ${k}`);
    for (let j = 0; j < 20; j++) {
      const fired = o.neurons.subarray(o.starts[k], o.starts[k + 1]).filter((x) => x === j).length;
      assert.equal(fired, wasm.counts[k * 20 + j], `digit ${k}, neuron ${j}`);
    }
  }
  assert.ok(o.starts[10] > 0, "the test needs spikes");
});

test("running accuracy: windows predicted with the labels of the windows before, the running matrix decaying by 0.9", () => {
  // 2 neurons, windows of 2 digits. Window 0: class 0 with counts (3, 0), class 1 with (0, 1) -> labels n0: 0, n1: 1.
  // Window 1: (2, 0) label 0 -> 0 right; (1, 0) label 1 -> predicted 0, wrong: 50 %. Its rates: class 0 (0.9 * 3 + 2),
  // class 1 n0 0.9 * 0 + 1 = 1, n1 0.9 * 1 + 0 = 0.9 -> n0 still 0 (4.7 > 1), n1 1 (0.9 > 0).
  // Window 2: (0, 2) label 1 -> right; (5, 0) label 0 -> right: 100 %.
  const counts = Float32Array.of(3, 0, 0, 1, /**/ 2, 0, 1, 0, /**/ 0, 2, 5, 0);
  const labels = Uint8Array.of(0, 1, 0, 1, 1, 0);
  assert.deepEqual(runningAccuracy(counts, labels, 2, 2), [{ digits: 4, accuracy: 50 }, { digits: 6, accuracy: 100 }]);
  assert.throws(() => runningAccuracy(counts, labels, 3, 2), /counts must hold 6 x 3 values, got 12/);
});
