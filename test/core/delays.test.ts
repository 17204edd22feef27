import assert from "node:assert/strict";
import { test } from "node:test";
import { createDelayBlock } from "../../src/core/blocks";
import { derive } from "../../src/core/derived";
import { InputDelays } from "../../src/core/delays";
import { createKernels, KernelKind } from "../../src/core/kernels";
import { createRecording, Network } from "../../src/core/network";
import { loadMnist } from "../../src/data/mnist";
import { DIEHL_COOK_2015_N400, DIEHL_COOK_2015_N6400, DIEHL_COOK_2015_RELEASED, withOverrides } from "../../src/core/params";
import { allocateState } from "../../src/core/state";

const released = DIEHL_COOK_2015_RELEASED;
const d = derive(released);

test("input delays: 20 slots at 10 ms and dt 0.5 ms; every delay in 0..19, drawn from the seed", () => {
  assert.equal(d.delaySteps, 20);
  const net = new Network({ neurons: 30, seed: 2, preset: released });
  const delays = net.exportState().arrays.delays!;
  assert.equal(delays.length, 784 * 30);
  assert.ok(delays.every((x) => x >= 0 && x <= 19));
  const counts = new Array(20).fill(0);
  for (const x of delays) counts[x]++;
  assert.ok(counts.every((c) => Math.abs(c - delays.length / 20) < 0.15 * (delays.length / 20)), `uniform: ${counts}`);
  assert.deepEqual(new Network({ neurons: 30, seed: 2, preset: released }).exportState().arrays.delays, delays);
  assert.notDeepEqual(new Network({ neurons: 30, seed: 3, preset: released }).exportState().arrays.delays, delays);
});

test("input delays U(3, 20 ms) at dt 0.25 ms (the per-size scripts): 80 slots, every delay in 12..79, each about equally often", () => {
  assert.equal(derive(DIEHL_COOK_2015_N400).delaySteps, 80);
  const delays = new Network({ neurons: 40, seed: 2, preset: DIEHL_COOK_2015_N400 }).exportState().arrays.delays!;
  const counts = new Array(80).fill(0);
  for (const x of delays) counts[x]++;
  assert.ok(counts.slice(0, 12).every((c) => c === 0), `none below 12 steps (3 ms): ${counts.slice(0, 12)}`);
  // floor(U(3, 20) / 0.25) takes each of 12..79 with probability 1/68
  const expected = delays.length / 68;
  assert.ok(counts.slice(12).every((c) => Math.abs(c - expected) < 0.2 * expected), `uniform over 12..79: ${counts.slice(12)}`);
  // the same draws as without a shortest delay: floor((3 + 17 u) / 0.25) = floor(12 + 68 u) where it was floor(80 u)
  const plain = new Network({ neurons: 40, seed: 2, preset: withOverrides(DIEHL_COOK_2015_N400, { inputDelayMinMs: 0 }) }).exportState().arrays.delays!;
  assert.ok(delays.every((x, k) => Math.abs(x - Math.floor((3 + (17 * plain[k]) / 80) / 0.25)) <= 1), "each delay follows its own uniform draw");
});

test("the 6,400-neuron script's preset trains in the WASM loop: the potentiation-only rule with delays never depresses", () => {
  const { train } = loadMnist({ train: 1 });
  const changes = (preset: typeof DIEHL_COOK_2015_N400) => {
    const net = new Network({ neurons: 20, seed: 4, preset });
    assert.equal(net.stepPath.path, "wasm-loop");
    net.state.w.fill(78 / 784); // every column already sums to 78: normalisation leaves it (to rounding)
    const before = net.state.w.slice();
    net.present(train.images.subarray(0, 784), true); // normalisation comes first, then only the rule changes w
    let up = 0, down = 0;
    net.state.w.forEach((w, a) => {
      if (a % net.np >= 20) return;
      if (w > before[a] * (1 + 1e-5)) up++;
      if (w < before[a] * (1 - 1e-5)) down++;
    });
    return { up, down };
  };
  const potentiation = changes(DIEHL_COOK_2015_N6400), triplet = changes(DIEHL_COOK_2015_N400);
  assert.ok(potentiation.up > 0, "the potentiation-only rule potentiated");
  assert.equal(potentiation.down, 0, "and never depressed");
  assert.ok(triplet.up > 0 && triplet.down > 0, `the triplet rule (delayed depression) depressed too: ${JSON.stringify(triplet)}`);
});

test("input delays: a spike of input i at step s reaches neuron j at step s + d_ij (v leaves rest exactly then)", () => {
  const net = new Network({ neurons: 1, seed: 7, preset: released });
  const i = 300;
  net.state.w.fill(0);
  net.state.w[i * net.np] = 0.5;
  const digit = new Uint8Array(784);
  digit[i] = 255;
  const rec = createRecording(net);
  net.present(digit, false, rec);
  const delay = net.exportState().arrays.delays![i];
  const first = rec.inputSteps[rec.inputIndices.indexOf(i)];
  const moved = Array.from(rec.vMv).findIndex((v) => v !== -65);
  assert.ok(first >= 0 && moved >= 0);
  assert.equal(moved, first + delay, `input at ${first}, delay ${delay}, v moved at ${moved}`);
});

for (const kind of ["wasm", "ts"] as KernelKind[]) {
  test(`input delays, ${kind} kernels: delayed depression and potentiation of a constructed pre/post pair`, () => {
    const layout = allocateState(4, 64, { steps: 700, traceLength: d.post1Pow.length, preTraceLength: d.prePow.length, delaySteps: 20 });
    const k = createKernels(layout.memory, kind);
    const delays = new InputDelays(layout, 20);
    const { view, at } = createDelayBlock(layout, d, 1e-4);
    new Float64Array(layout.memory.buffer, layout.ptr.trace, d.post1Pow.length).set(d.post1Pow);
    new Float64Array(layout.memory.buffer, layout.ptr.preTrace, d.prePow.length).set(d.prePow);
    const np = layout.np, w = layout.state.w, s = layout.state;
    delays.delays[3 * np + 1] = 5;
    // post spikes of neuron 1 at steps 4 and 10; a pre spike of input 3 at step 7 arrives at 12: post1 = exp(-2 * 0.5 / 20)
    delays.pushPost(1, 4);
    delays.pushPost(1, 10);
    w[3 * np + 1] = 0.25;
    s.schedule[0] = 3;
    new Int32Array(layout.memory.buffer, layout.ptr.depList, 1)[0] = 1;
    view.i32[at.idx] = layout.ptr.schedule;
    view.i32[at.count] = 1;
    view.i32[at.t] = 7;
    view.i32[at.depCount] = 1;
    k.delayDepress(view.address);
    assert.equal(w[3 * np + 1], Math.fround(0.25 - 1e-4 * d.post1Pow[2]));
    // pre spikes of input 3 at 12 and 16; a post spike of neuron 1 at 20 reads pre_3 at 20 - 5 = 15: 3 steps after 12
    delays.pushPre(3, 12);
    delays.pushPre(3, 16);
    new Int32Array(layout.memory.buffer, layout.ptr.recentPre, 1)[0] = 3;
    const before = w[3 * np + 1];
    view.i32[at.j] = 1;
    view.i32[at.t] = 20;
    view.i32[at.preCount] = 1;
    view.f64[at.scale] = 0.01;
    view.f64[at.wMax] = 1;
    k.potentiateDelayed(view.address);
    assert.equal(w[3 * np + 1], Math.fround(before + 0.01 * d.prePow[3]));
    // the scatter: a spike at step 7 (slot 7) puts W[3, 1] into slot (7 + 5) mod 20 and W[3, 0] into slot 7 + 0
    w[3 * np] = 0.125;
    view.i32[at.cur] = 7;
    k.delayScatter(view.address);
    assert.equal(delays.ring[12 * np + 1], w[3 * np + 1]);
    assert.equal(delays.ring[7 * np], 0.125);
  });
}

test("input delays: only for the conductance model, with a rest period at least as long, in whole steps", () => {
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(released, { restMs: 5 }) }), /needs a rest period at least as long/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(released, { inputDelayMs: 10.25 }) }), /whole number of 0.5 ms steps/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(released, { inputDelayMinMs: 10 }) }), /inputDelayMinMs must be >= 0 and below inputDelayMs \(10\), got 10/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(released, { inputDelayMinMs: -1 }) }), /inputDelayMinMs must be >= 0/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(released, { inputDelayMs: 0, inputDelayMinMs: 3 }) }), /inputDelayMinMs needs input delays/);
});
