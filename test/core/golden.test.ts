import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { KernelKind } from "../../src/core/kernels";
import { Network } from "../../src/core/network";
import { presetByName } from "../../src/core/params";
import { train } from "../../src/experiment/phases";
import { loadMnist } from "../../src/data/mnist";

// Weights and thresholds of a 50-neuron network (seed 3) after the first 300 embedded training digits, as computed by
// the code that produced the committed results in data/results (sha256 of the f32 weights then the f64 thetas, first
// 16 hex digits). A speed-up must leave these unchanged; a deliberate change of the numerics updates them and says so
// in the results' README (their records were computed with the old numbers).
const GOLDEN: Record<string, string> = {
  "diehl-cook-2015": "10d5566ec6a0b625",
  "diehl-cook-2015-euler": "5e4e6a4d0446e304",
  bindsnet: "0c96e1bcde966f2e",
  // Diehl's per-size scripts (dt 0.25 ms, input delays 3-20 ms; the 6,400-neuron one with the potentiation-only rule):
  // computed when the presets were added, the same on both devices
  "diehl-cook-2015-n400": "362a16cc830a0233",
  "diehl-cook-2015-n6400": "f7612116aee1bbf0",
  // the 6,400-neuron script's learning on the default network: the potentiation-only rule without input delays
  "diehl-cook-2015-n6400-learning": "2f46a8ff540abd44",
};

const data = loadMnist({ train: 300, test: 0 });
for (const [preset, expected] of Object.entries(GOLDEN)) {
  for (const kernels of ["wasm", "ts"] as KernelKind[]) {
    test(`golden numbers: ${preset}, ${kernels} kernels`, () => {
      const net = new Network({ neurons: 50, seed: 3, preset: presetByName(preset), kernels });
      train(net, data.train);
      const s = net.exportState();
      const digest = createHash("sha256").update(Buffer.from(s.arrays.weights.buffer)).update(Buffer.from(s.arrays.theta.buffer)).digest("hex");
      assert.equal(digest.slice(0, 16), expected);
    });
  }
}
