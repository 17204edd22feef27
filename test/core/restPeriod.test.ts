import assert from "node:assert/strict";
import { test } from "node:test";
import { DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED } from "../../src/core/params";
import { InhibitoryLayer } from "../../src/core/inhibitory";
import { derive } from "../../src/core/derived";
import { initialise, presentDigit } from "../../src/core/presentation";
import { createSimulation, Simulation } from "../../src/core/simulation";
import { learningRule } from "../../src/core/stdp";
import { loadMnist } from "../../src/data/mnist";

const data = loadMnist({ train: 3, test: 0 });
const pixels = (k: number) => data.train.images.subarray(k * 784, (k + 1) * 784);

function network(preset: typeof DIEHL_COOK_2015, exactRest: boolean): Simulation {
  const sim = createSimulation({ neurons: 30, seed: 5, preset, rule: learningRule(preset.stdp) });
  initialise(sim);
  sim.exactRest = exactRest;
  return sim;
}

// The rest period advances in closed form once nothing can spike (restPeriod.ts); the oracle simulates every step. The
// two agree to the f32 rounding of v (the closed form multiplies once where the steps multiply a few hundred times).
for (const preset of [DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED]) {
  test(`rest period: the closed-form shortcut against every step simulated (${preset.name})`, () => {
    const fast = network(preset, false), exact = network(preset, true);
    const a = presentDigit(fast, pixels(0), true), b = presentDigit(exact, pixels(0), true);
    assert.deepEqual(a, b, "the same presentation");
    assert.equal(fast.t, exact.t, "the same steps in all");
    for (let j = 0; j < 30; j++) {
      assert.ok(Math.abs(fast.state.v[j] - exact.state.v[j]) < 1e-3, `v of neuron ${j}: ${fast.state.v[j]} against ${exact.state.v[j]}`);
      assert.ok(Math.abs(fast.state.ge[j] - exact.state.ge[j]) < 1e-9, `ge of neuron ${j}`);
    }
    assert.ok(exact.inhibition.g < 1e-6 && fast.inhibition.g < 1e-6, "the inhibition has faded");
    assert.deepEqual(Array.from(fast.state.theta.subarray(0, 30)), Array.from(exact.state.theta.subarray(0, 30)));
    // the next digit starts from states this close: its presentation is the same
    assert.deepEqual(presentDigit(fast, pixels(1), true), presentDigit(exact, pixels(1), true));
  });
}

test("inhibitory layer: an inactive neuron's closed-form relaxation equals its steps without input", () => {
  const d = derive(DIEHL_COOK_2015);
  const layer = new InhibitoryLayer(3, "conductance", { ...DIEHL_COOK_2015.inh, eExcMv: DIEHL_COOK_2015.inh.eExcMv }, d);
  layer.receive(1, 30, 0);
  const out = new Int32Array(3);
  let t = 0;
  while (layer.active.count > 0) layer.step(t++, out); // it fires, goes refractory, then quiet and leaves the list
  const v0 = layer.v[1], since = layer.since[1];
  let v = v0;
  for (let k = 0; k < 200; k++) {
    assert.ok(Math.abs(layer.voltageAt(1, since + k) - v) < 1e-9, `step ${k}: ${layer.voltageAt(1, since + k)} against ${v}`);
    v += d.inhEuler * (DIEHL_COOK_2015.inh.vRestMv - v); // the Euler step with no input
  }
});
