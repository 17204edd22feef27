import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { validatePreset } from "../../src/core/derived";
import { IndexSet } from "../../src/core/indexSet";
import { KernelKind } from "../../src/core/kernels";
import { distanceFactors, inhibitionLevel, LatticeInhibition, latticeSide } from "../../src/core/lattice";
import { Network } from "../../src/core/network";
import { BINDSNET, ConductancePreset, InhibitionSchedule, presetByName, withOverrides } from "../../src/core/params";
import { decodeNetworkState, encodeNetworkState } from "../../src/core/snapshot";
import { loadMnist } from "../../src/data/mnist";
import { train } from "../../src/experiment/phases";
import { SplitNetwork } from "../../src/experiment/splitNetwork";

const digest = (net: Network): string => {
  const s = net.exportState();
  return createHash("sha256").update(Buffer.from(s.arrays.weights.buffer)).update(Buffer.from(s.arrays.theta.buffer)).digest("hex").slice(0, 16);
};

test("lattice: side of a square number of neurons, and the error for others", () => {
  assert.equal(latticeSide(1, "p"), 1);
  assert.equal(latticeSide(400, "p"), 20);
  assert.throws(() => latticeSide(50, "p"), /lattice inhibition needs a square number of neurons \(36, 49, 64, \.\.\.\), got 50/);
});

test("lattice: sqrt of the Euclidean distance for every offset", () => {
  const f = distanceFactors(3);
  assert.equal(f[0], 0); // (0, 0)
  assert.equal(f[1], 1); // (0, 1): d = 1
  assert.equal(f[3], 1); // (1, 0)
  assert.equal(f[4], Math.sqrt(Math.SQRT2)); // (1, 1): d = sqrt(2)
  assert.equal(f[2 * 3 + 2], Math.sqrt(Math.sqrt(8))); // (2, 2): d = sqrt(8)
});

test("lattice: an inhibitory spike gives each neuron G - S_j = min(cap, c * sqrt(d)) (3 x 3, centre and corner)", () => {
  const lattice = new LatticeInhibition(9, 20, "p");
  lattice.setLevel(1);
  const self = new IndexSet(9);
  const shares = new Float64Array(9);
  const g = lattice.deliver(4, self, shares); // the centre (1, 1)
  const gi = Array.from(shares, (s) => g - s);
  const side = 1, corner = Math.sqrt(Math.SQRT2);
  assert.deepEqual(gi.map((x) => +x.toFixed(12)), [corner, side, corner, side, 0, side, corner, side, corner].map((x) => +x.toFixed(12)));
  assert.deepEqual(Array.from(self.values()), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  // a second spike, from corner 0, adds its own row; at c = 12 the far corner (d = sqrt(8), 12 sqrt(d) = 20.2) is at the cap
  lattice.setLevel(12);
  const g2 = g + lattice.deliver(0, self, shares);
  assert.ok(Math.abs((g2 - shares[8]) - (corner + 20)) < 1e-12);
  assert.ok(Math.abs((g2 - shares[1]) - (1 + 12)) < 1e-12);
  assert.ok(Math.abs((g2 - shares[0]) - (corner + 0)) < 1e-12);
  // at the cap only the spiking neuron has a share: uniform inhibition
  lattice.setLevel(20);
  assert.equal(lattice.lattice, false);
  const alone = new IndexSet(9), own = new Float64Array(9);
  lattice.deliver(3, alone, own);
  assert.deepEqual(Array.from(alone.values()), [3]);
  assert.equal(own[3], 20);
});

test("lattice: the schedules' levels at their switching digits (as the authors' scripts step them)", () => {
  const twoLevel: InhibitionSchedule = { kind: "two-level", cLow: 1, lowFraction: 0.1 };
  assert.equal(inhibitionLevel(twoLevel, 0, 1000, 20), 1);
  assert.equal(inhibitionLevel(twoLevel, 100, 1000, 20), 1); // digit 100 (int(1000 * 0.1)) is still low
  assert.equal(inhibitionLevel(twoLevel, 101, 1000, 20), 20);
  const linear: InhibitionSchedule = { kind: "growing", shape: "linear", cStart: 0.1, growFraction: 1, everyDigits: 250 };
  assert.equal(inhibitionLevel(linear, 250, 1000, 17.4), 0.1); // raised after digit 250, not before it
  assert.ok(Math.abs(inhibitionLevel(linear, 251, 1000, 17.4) - (0.1 + 17.3 / 1000 * 250)) < 1e-12);
  assert.ok(Math.abs(inhibitionLevel(linear, 751, 1000, 17.4) - (0.1 + 3 * 17.3 / 4)) < 1e-12);
  assert.equal(inhibitionLevel({ ...linear, growFraction: 0.25 }, 251, 1000, 17.4), 17.4); // one raise reaches the cap
  const log: InhibitionSchedule = { kind: "growing", shape: "logarithmic", cStart: 0.1, growFraction: 1, everyDigits: 250 };
  assert.ok(Math.abs(inhibitionLevel(log, 501, 1000, 17.4) - 17.4 * Math.log(3) / Math.log(5)) < 1e-12);
  assert.equal(inhibitionLevel({ kind: "constant", c: 5 }, 12345, 1, 20), 5);
});

test("lattice: presets are checked (schedule values, neuron model, retry step)", () => {
  const base = presetByName("hazan-2018-growing") as ConductancePreset;
  const bad = (patch: object) => () => validatePreset(withOverrides(base, patch));
  assert.throws(bad({ inhibition: { schedule: { everyDigits: 0 } } }), /inhibition\.schedule\.everyDigits must be a whole number >= 1, got 0/);
  assert.throws(bad({ inhibition: { schedule: { growFraction: 0 } } }), /growFraction must lie in \(0, 1\], got 0/);
  assert.throws(bad({ inhibition: { schedule: { kind: "steps" } } }), /schedule\.kind must be "constant", "two-level" or "growing", got "steps"/);
  assert.throws(bad({ inhibition: { kind: "ring" } }), /inhibition\.kind must be "uniform" or "lattice", got "ring"/);
  assert.throws(bad({ intensityStep: 0 }), /intensityStep must be a number > 0, got 0/);
  assert.throws(() => validatePreset(withOverrides(BINDSNET, { inhibition: base.inhibition } as object)), /lattice inhibition is implemented for the conductance model only/);
});

test("lattice: the network needs a square size, its training amount, and one thread", () => {
  const preset = presetByName("hazan-2018-two-level");
  assert.throws(() => new Network({ neurons: 50, seed: 1, preset, trainingDigits: 10 }), /square number of neurons/);
  assert.throws(() => new Network({ neurons: 49, seed: 1, preset }), /give NetworkOptions\.trainingDigits/);
  assert.throws(() => new Network({ neurons: 49, seed: 1, preset, trainingDigits: 2.5 }), /trainingDigits must be a whole number >= 1, got 2.5/);
  new Network({ neurons: 49, seed: 1, preset: presetByName("hazan-2018-constant") }); // a constant level needs no amount
  assert.throws(() => SplitNetwork.create({ neurons: 49, seed: 1, preset, trainingDigits: 10, threads: 2 }), /lattice inhibition.*use threads 1/);
});

// Weights and thresholds of a 49-neuron network (seed 3) after 60 embedded training digits of a 60-digit run, the same
// on both devices; computed when lattice inhibition was added.
const GOLDEN: Record<string, string> = {
  "hazan-2018-two-level": "56424182f19012ac",
  "hazan-2018-growing": "29811a5d04a76ce5",
};
const data = loadMnist({ train: 60, test: 0 });
for (const [preset, expected] of Object.entries(GOLDEN)) {
  for (const kernels of ["wasm", "ts"] as KernelKind[]) {
    test(`lattice: golden numbers, ${preset}, ${kernels} kernels`, () => {
      const net = new Network({ neurons: 49, seed: 3, preset: presetByName(preset), kernels, trainingDigits: 60 });
      train(net, data.train);
      assert.equal(net.totals.learnedDigits, 60);
      assert.equal(digest(net), expected);
    });
  }
}

test("lattice: a constant level at the cap is the uniform inhibition, bit for bit", () => {
  const constant = presetByName("hazan-2018-constant") as ConductancePreset;
  const { inhibition: _lattice, ...uniform } = constant;
  const a = new Network({ neurons: 49, seed: 3, preset: constant });
  const b = new Network({ neurons: 49, seed: 3, preset: { ...uniform, name: "uniform" } as ConductancePreset });
  train(a, data.train);
  train(b, data.train);
  assert.equal(digest(a), digest(b));
});

test("lattice: a saved network continues its schedule (learned digits and training amount in the file)", () => {
  const preset = presetByName("hazan-2018-growing");
  const whole = new Network({ neurons: 49, seed: 3, preset, trainingDigits: 60 });
  train(whole, data.train);
  const first = new Network({ neurons: 49, seed: 3, preset, trainingDigits: 60 });
  train(first, { ...data.train, count: 30 });
  const state = decodeNetworkState(encodeNetworkState(first.exportState()), "mid.snn");
  assert.equal(state.trainingDigits, 60);
  assert.equal(state.totals.learnedDigits, 30);
  const resumed = Network.fromState(state);
  const rest = { ...data.train, images: data.train.images.subarray(30 * 784), labels: data.train.labels.subarray(30), count: 30 };
  train(resumed, rest);
  assert.equal(digest(resumed), digest(whole));
});
