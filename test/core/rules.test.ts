import assert from "node:assert/strict";
import { test } from "node:test";
import { derive } from "../../src/core/derived";
import { Network } from "../../src/core/network";
import { DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED, RULE_SETTINGS, withRule } from "../../src/core/params";
import { createPlasticity } from "../../src/core/plasticity";
import { presetFromLabel, presetLabel } from "../../src/core/overrides";
import { learningRule } from "../../src/core/stdp";
import { allocateState } from "../../src/core/state";
import { presetHash } from "../../src/experiment/records";
import { loadMnist } from "../../src/data/mnist";

const close = (a: number, b: number, tol = 2e-7) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);
const decay = Math.exp(-0.5 / 20); // the pre (and post1) trace's factor per step at dt 0.5 ms, tau 20 ms

function setup(rule: "power-law" | "exp-weight" | "pre-post") {
  const preset = withRule(DIEHL_COOK_2015, rule);
  const layout = allocateState(4, 16);
  layout.state.w.fill(0.5);
  const p = createPlasticity(layout.state.w, 4, layout.np, derive(preset));
  return { p, np: layout.np, r: learningRule(preset.stdp), s: preset.stdp };
}

test("power-law: x_pre adds up (two pre spikes), w += eta (x_pre - x_tar) (w_max - w)^mu over the whole column", () => {
  const { p, np, r } = setup("power-law");
  r.onPreSpike!(p, 3, 0);
  r.onPreSpike!(p, 3, 4);
  r.onPostSpike(p, 1, 10, new Int32Array(0), 0, 0);
  const x = (decay ** 4 + 1) * decay ** 6; // x_pre of input 3 at step 10
  close(p.w[3 * np + 1], 0.5 + 0.01 * (x - 0.4) * 0.5 ** 0.2);
  close(p.w[7 * np + 1], 0.5 + 0.01 * (0 - 0.4) * 0.5 ** 0.2); // a silent input is depressed
  assert.equal(p.w[3 * np + 0], 0.5); // other columns untouched
});

test("exp-weight: w += eta (x_pre exp(-beta w) - x_tar exp(-beta (w_max - w)))", () => {
  const { p, np, r } = setup("exp-weight");
  r.onPreSpike!(p, 2, 0);
  r.onPostSpike(p, 0, 8, new Int32Array(0), 0, 0);
  const x = decay ** 8;
  close(p.w[2 * np], 0.5 + 0.01 * (x * Math.exp(-3 * 0.5) - 0.15 * Math.exp(-3 * 0.5)));
});

test("pre-post: the pre spike depresses by eta_pre x_post w^mu, the post spike potentiates and adds to x_post", () => {
  const { p, np, r } = setup("pre-post");
  r.onPostSpike(p, 1, 0, new Int32Array(0), 0, 0); // x_post(1) = 1 at step 0; column 1 moves by nuPost (0 - x_tar) 0.5^mu
  const w0 = 0.5 + 0.01 * (0 - 0.4) * 0.5 ** 0.9;
  close(p.w[5 * np + 1], w0);
  r.onPreSpike!(p, 5, 6); // x_post(1) at step 6
  close(p.w[5 * np + 1], w0 - 1e-4 * decay ** 6 * Math.pow(Math.fround(w0), 0.9));
  assert.equal(p.w[5 * np + 0], 0.5); // neuron 0 never fired: no trace, no depression
});

test("rules: published settings by name, in labels (PRESET@RULE) and in the preset hash; normalisation off by default", () => {
  for (const rule of Object.keys(RULE_SETTINGS) as (keyof typeof RULE_SETTINGS)[]) {
    assert.equal(learningRule(withRule(DIEHL_COOK_2015, rule).stdp).name, rule);
  }
  const label = presetLabel("diehl-cook-2015", undefined, "power-law");
  assert.equal(label, "diehl-cook-2015@power-law");
  assert.equal(presetFromLabel(label).stdp.normalize, false);
  assert.equal(presetFromLabel(`${label}+stdp.normalize=true`).stdp.normalize, true);
  assert.notEqual(presetHash(label), presetHash("diehl-cook-2015"));
  assert.equal(presetLabel("diehl-cook-2015", undefined, "triplet"), "diehl-cook-2015");
  assert.throws(() => presetFromLabel("diehl-cook-2015@hebb"), /unknown learning rule "hebb"/);
});

test("rules: a network trains with each weight-dependent rule (pre-post per step in TypeScript, the others in the WASM loop), with and without normalisation", () => {
  const { train } = loadMnist({ train: 12 });
  for (const label of ["diehl-cook-2015@power-law", "diehl-cook-2015@pre-post+stdp.normalize=true", "diehl-cook-2015@exp-weight"]) {
    const net = new Network({ neurons: 10, seed: 1, preset: presetFromLabel(label) });
    if (label.includes("pre-post")) {
      assert.equal(net.stepPath.path, "per-step");
      assert.match(net.stepPath.reason!, /does not implement rule/);
    } else assert.equal(net.stepPath.path, "wasm-loop");
    const before = net.state.w.slice();
    for (let k = 0; k < 12; k++) net.present(train.images.subarray(k * 784, (k + 1) * 784), true);
    assert.ok(net.state.w.some((w, k) => w !== before[k]), `${label}: weights moved`);
    assert.ok(net.state.w.every((w) => w >= 0 && w <= 1), `${label}: weights in [0, 1]`);
    const copy = net.clone();
    assert.deepEqual(copy.exportState().arrays.sumPre, net.exportState().arrays.sumPre);
  }
});

test("rules with input delays: x_pre at t - d_ij for the post update, x_post at the arrival t + d_ij for pre-post's depression", async () => {
  const { InputDelays } = await import("../../src/core/delays");
  const preset = withRule(DIEHL_COOK_2015_RELEASED, "pre-post");
  const d = derive(preset);
  const layout = allocateState(4, 16, { steps: 700, traceLength: d.post1Pow.length, preTraceLength: d.prePow.length, delaySteps: 20 });
  layout.state.w.fill(0.5);
  const np = layout.np;
  const p = createPlasticity(layout.state.w, 4, np, d);
  const delays = new InputDelays(layout, 20);
  p.delayed = {
    preTraceAt: (i, j, t) => delays.preTraceAt(i, t - delays.delays[i * np + j], d.prePow),
    postTraceAtArrival: (i, j, t) => delays.postTraceBefore(j, t + delays.delays[i * np + j], d.post1Pow),
  };
  delays.delays[3 * np + 1] = 5;
  const r = learningRule(preset.stdp);
  // input 3 spikes at 0 and 4 (its additive trace is 1, then decay^4 + 1); neuron 1 at 2
  delays.pushPre(3, 0, 1);
  delays.pushPre(3, 4, decay ** 4 + 1);
  delays.pushPost(1, 2, 1);
  p.recentDep.add(1);
  // the spike of input 3 at step 0 arrives at 5: x_post(1) = decay^3 (its spike at 2), applied S steps later
  r.onDelayedPreSpike!(p, 3, 0);
  const w1 = Math.fround(0.5 - 1e-4 * decay ** 3 * 0.5 ** 0.9);
  close(p.w[3 * np + 1], w1);
  // a post spike of neuron 1 at step 10 reads x_pre(3) at 10 - 5 = 5: (decay^4 + 1) decay
  r.onPostSpike(p, 1, 10, new Int32Array(0), 0, 0);
  close(p.w[3 * np + 1], w1 + 0.01 * ((decay ** 4 + 1) * decay - 0.4) * Math.pow(1 - w1, 0.9));
});
