import assert from "node:assert/strict";
import { test } from "node:test";
import { derive } from "../../src/core/derived";
import { createKernels } from "../../src/core/kernels";
import { BINDSNET, DIEHL_COOK_2015, Preset } from "../../src/core/params";
import { columnSum, createPlasticity, normalizeColumns } from "../../src/core/plasticity";
import { createRng } from "../../src/random/rng";
import { allocateState } from "../../src/core/state";
import * as K from "./kernelArgs";
import { markPreSpikes, postPreRule, potentiationOnlyRule, tripletRule } from "../../src/core/stdp";
import { DIEHL_COOK_2015_N6400 } from "../../src/core/params";

function setup(preset: Readonly<Preset> = DIEHL_COOK_2015, neurons = 4) {
  const layout = allocateState(neurons, 16);
  layout.state.w.fill(0.5);
  const p = createPlasticity(layout.state.w, neurons, layout.np, derive(preset));
  p.dirty.clear();
  return { layout, p, np: layout.np };
}
const pre = (...inputs: number[]) => Int32Array.from(inputs);
const close = (a: number, b: number, tol = 1e-7) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test("triplet on_post: w += 0.01 * pre * post2(before); the first post spike does not potentiate", () => {
  const { p, np } = setup();
  const rule = tripletRule(DIEHL_COOK_2015.stdp);
  markPreSpikes(p, pre(3), 0, 1, 0); // input 3 at step 0
  rule.onPostSpike(p, 1, 6, pre(), 0, 0); // neuron 1 at step 6: post2 was 0
  assert.equal(p.w[3 * np + 1], 0.5);
  rule.onPostSpike(p, 1, 10, pre(), 0, 0); // step 10 = 5 ms after the pre spike, 2 ms after the last post spike
  close(p.w[3 * np + 1], 0.5 + 0.01 * Math.exp(-5 / 20) * Math.exp(-2 / 40));
  assert.equal(p.w[4 * np + 1], 0.5); // input 4 never spiked
  assert.equal(p.w[3 * np + 0], 0.5); // other neurons untouched
});

test("triplet on_pre: w -= 0.0001 * post1, listed for the recent post neurons", () => {
  const { p } = setup();
  const rule = tripletRule(DIEHL_COOK_2015.stdp);
  rule.onPostSpike(p, 2, 0, pre(), 0, 0);
  const idx = new Int32Array(4), by = new Float64Array(4);
  const m = rule.preSpikeDepression(p, 8, idx, by); // 4 ms after the post spike
  assert.equal(m, 1);
  assert.equal(idx[0], 2);
  close(by[0], 1e-4 * Math.exp(-4 / 20), 1e-18);
});

test("potentiation-only (6400n.py): w += 0.05 * pre * post2(before); a pre spike after a post spike depresses nothing", () => {
  const { p, np } = setup();
  const rule = potentiationOnlyRule(DIEHL_COOK_2015_N6400.stdp);
  assert.equal(rule.name, "potentiation-only");
  assert.deepEqual(rule.loopShape, { depressionNu: 0 });
  markPreSpikes(p, pre(3), 0, 1, 0); // input 3 at step 0 (dt 0.5 ms of the setup's preset)
  rule.onPostSpike(p, 1, 6, pre(), 0, 0); // neuron 1 at step 6: post2 was 0, nothing changes
  assert.equal(p.w[3 * np + 1], 0.5);
  rule.onPostSpike(p, 1, 10, pre(), 0, 0); // 5 ms after the pre spike, 2 ms after the last post spike
  const after = Math.fround(0.5 + 0.05 * Math.exp(-5 / 20) * Math.exp(-2 / 40));
  close(p.w[3 * np + 1], after);
  const idx = new Int32Array(4), by = new Float64Array(4);
  assert.equal(rule.preSpikeDepression(p, 12, idx, by), 0); // the triplet rule would list neuron 1 here
  assert.equal(tripletRule(DIEHL_COOK_2015.stdp).preSpikeDepression(p, 12, idx, by), 1);
  assert.equal(p.w[3 * np + 1], after);
});

test("postpre (BindsNET): pre-before-post potentiates by 0.01 * x_pre, same-step pairs get x_post = 1", () => {
  const { p, np } = setup(BINDSNET);
  const rule = postPreRule(BINDSNET.stdp);
  markPreSpikes(p, pre(3), 0, 1, 0);
  rule.onPostSpike(p, 1, 10, pre(), 0, 0); // dt 1 ms: x_pre = exp(-10 / 20)
  close(p.w[3 * np + 1], 0.5 + 0.01 * Math.exp(-10 / 20));
  // Input 7 and neuron 2 spike in the same step 20: +0.01 * 1, and the pre spike depresses by 1e-4 * x_post = 1e-4 * 1.
  const step = pre(7);
  markPreSpikes(p, step, 0, 1, 20);
  rule.onPostSpike(p, 2, 20, step, 0, 1);
  close(p.w[7 * np + 2], 0.5 + 0.01 - 1e-4);
});

test("weights clip at wMax on potentiation and at 0 on depression (kernel)", () => {
  const { layout, p, np } = setup();
  const rule = tripletRule(DIEHL_COOK_2015.stdp);
  p.w[3 * np + 1] = 0.999;
  markPreSpikes(p, pre(3), 0, 1, 9);
  rule.onPostSpike(p, 1, 8, pre(), 0, 0);
  rule.onPostSpike(p, 1, 10, pre(), 0, 0);
  assert.equal(p.w[3 * np + 1], 1);
  const kernels = createKernels(layout.memory, "wasm");
  const { state, ptr } = layout;
  state.schedule[0] = 5;
  p.w[5 * np + 1] = 1e-5;
  state.depIdx[0] = 1;
  state.depBy[0] = 1e-4;
  state.thr.fill(Infinity);
  K.stepConductanceNoGi(kernels, layout, { idx: ptr.schedule, count: 1, m: 1, vRest: -65, eExc: 0, eInh: -100, k: 0.005, geDecay: 1, vReset: -65 });
  assert.equal(p.w[5 * np + 1], 0);
  assert.equal(state.ge[1], Math.fround(1e-5)); // the row was added before its depression (Brian2 on_pre order)
  // BindsNET order (current model): the row is depressed before it is added.
  p.w[6 * np + 2] = 1e-5;
  state.schedule[0] = 6;
  state.depIdx[0] = 2;
  state.ge.fill(0);
  K.inputSpikes(kernels, layout, { idx: ptr.schedule, count: 1, m: 1 });
  assert.equal(p.w[6 * np + 2], 0);
  assert.equal(state.ge[2], 0);
});

test("normalisation: every changed column sums to 78, unchanged columns keep their bits", () => {
  const { p, np } = setup(DIEHL_COOK_2015, 6);
  const rng = createRng(1);
  for (let k = 0; k < p.w.length; k++) p.w[k] = rng.nextFloat() * 0.3;
  for (let j = 0; j < 6; j++) p.dirty.add(j);
  normalizeColumns(p, 78);
  for (let j = 0; j < 6; j++) close(columnSum(p, j), 78, 1e-3);
  const before = p.w.slice();
  p.w[10 * np + 2] += 0.5;
  p.dirty.add(2);
  normalizeColumns(p, 78);
  close(columnSum(p, 2), 78, 1e-3);
  for (let i = 0; i < 784; i++) for (const j of [0, 1, 3, 4, 5]) assert.equal(p.w[i * np + j], before[i * np + j]);
});
