import assert from "node:assert/strict";
import { test } from "node:test";
import { binomialCdf, createSchedule, PoissonInput } from "../../src/core/poisson";
import { createKernels } from "../../src/core/kernels";
import { WasmPoisson } from "../../src/core/poissonWasm";
import { createRng } from "../../src/random/rng";
import { allocateState } from "../../src/core/state";

const STEPS = 700;

test("rate 0 never spikes", () => {
  const input = new PoissonInput(STEPS, 784, 0.25 * 0.0005 / 2);
  const schedule = createSchedule(STEPS, 784);
  input.fill(new Uint8Array(784), 2, createRng(1), schedule);
  assert.equal(schedule.total, 0);
  assert.equal(schedule.stepStart[STEPS], 0);
});

test("probability 1 per step spikes in every step", () => {
  const input = new PoissonInput(STEPS, 784, 1 / 255); // pixel 255 at intensity 1 -> p = 1
  const schedule = createSchedule(STEPS, 784);
  const pixels = new Uint8Array(784);
  pixels[10] = 255;
  pixels[20] = 255;
  input.fill(pixels, 1, createRng(1), schedule);
  assert.equal(schedule.total, 2 * STEPS);
  for (let s = 0; s < STEPS; s++) {
    assert.deepEqual(Array.from(schedule.idx.subarray(schedule.stepStart[s], schedule.stepStart[s + 1])), [10, 20]);
  }
});

test("mean spike count matches steps x p (paper rate: pixel / 4 Hz at dt 0.5 ms), fixed seed", () => {
  const input = new PoissonInput(STEPS, 784, 0.25 * 0.0005 / 2);
  const schedule = createSchedule(STEPS, 784);
  const pixels = new Uint8Array(784).fill(255); // 63.75 Hz -> p = 0.031875 per step, 22.3125 spikes per pixel
  const rng = createRng(2015);
  let total = 0;
  const reps = 50;
  for (let r = 0; r < reps; r++) {
    input.fill(pixels, 2, rng, schedule);
    total += schedule.total;
  }
  const mean = total / (reps * 784);
  const expected = STEPS * 0.031875;
  const sd = Math.sqrt(expected * (1 - 0.031875) / (reps * 784));
  assert.ok(Math.abs(mean - expected) < 4 * sd, `mean ${mean}, expected ${expected} +- ${4 * sd}`);
});

test("the schedule is grouped by step, each step in increasing input order, spikes on distinct steps per input", () => {
  const input = new PoissonInput(STEPS, 784, 0.25 * 0.0005 / 2);
  const schedule = createSchedule(STEPS, 784);
  const pixels = Uint8Array.from({ length: 784 }, (_, k) => (k * 7) % 256);
  input.fill(pixels, 5, createRng(3), schedule);
  const perInput = new Map<number, Set<number>>();
  for (let s = 0; s < STEPS; s++) {
    let previous = -1;
    for (let k = schedule.stepStart[s]; k < schedule.stepStart[s + 1]; k++) {
      const i = schedule.idx[k];
      assert.ok(i > previous);
      previous = i;
      if (!perInput.has(i)) perInput.set(i, new Set());
      perInput.get(i)!.add(s);
    }
  }
  const count = Array.from(perInput.values()).reduce((n, steps) => n + steps.size, 0);
  assert.equal(count, schedule.total);
  assert.ok(!perInput.has(0)); // pixel 0 is 0
});

test("binomialCdf ends at 1 and has the binomial mean", () => {
  const cdf = binomialCdf(700, 0.03);
  assert.equal(cdf[cdf.length - 1], 1);
  let mean = 0;
  for (let k = 0; k < cdf.length; k++) mean += k * (cdf[k] - (k > 0 ? cdf[k - 1] : 0));
  assert.ok(Math.abs(mean - 21) < 1e-9);
  assert.throws(() => new PoissonInput(STEPS, 784, 0.01).fill(new Uint8Array(784), 0, createRng(1), createSchedule(STEPS, 784)), /intensity must be an integer >= 1/);
});

test("the WASM generator gives the TypeScript generator's spikes and leaves the random stream in the same state", () => {
  const layout = allocateState(4, STEPS * 784, { steps: STEPS, traceLength: 0 });
  const kernels = createKernels(layout.memory, "wasm");
  const input = new PoissonInput(STEPS, 784, 0.25 * 0.0005 / 2);
  const wasm = new WasmPoisson(new PoissonInput(STEPS, 784, 0.25 * 0.0005 / 2), layout, kernels);
  const inWasm = createSchedule(STEPS, 784, layout.state.schedule, layout.state.stepStart);
  const inTs = createSchedule(STEPS, 784);
  const [rngA, rngB] = [createRng(9), createRng(9)];
  // ordinary digits, intensities that change (tables reloaded), and intensities high enough for the complement branch
  const digits = [0, 1, 2].map((d) => Uint8Array.from({ length: 784 }, (_, k) => ((k * (7 + d)) % 300 > 255 ? 0 : (k * (7 + d)) % 300)));
  for (const [d, intensity] of [[0, 2], [1, 2], [2, 3], [0, 36], [1, 2], [2, 30]]) {
    input.fill(digits[d], intensity, rngA, inTs);
    wasm.fill(digits[d], intensity, rngB, inWasm);
    assert.equal(inWasm.total, inTs.total, `digit ${d} at intensity ${intensity}`);
    assert.deepEqual(inWasm.stepStart, inTs.stepStart);
    assert.deepEqual(inWasm.idx.subarray(0, inWasm.total), inTs.idx.subarray(0, inTs.total));
    assert.deepEqual(rngB.state(), rngA.state());
  }
  assert.throws(() => wasm.fill(digits[0], 2, rngB, inTs), /must be the schedule in the network's WASM memory/);
  // a rate too high for the step count fails as in TypeScript (only for the pixel values a digit has)
  const dim = new Uint8Array(784).fill(10);
  wasm.fill(dim, 100, rngB, inWasm);
  input.fill(dim, 100, rngA, inTs);
  assert.deepEqual(inWasm.idx.subarray(0, inWasm.total), inTs.idx.subarray(0, inTs.total));
  assert.throws(() => wasm.fill(digits[0], 100, rngB, inWasm), /input rate too high/);
  assert.throws(() => wasm.fill(digits[0], 1.5, rngB, inWasm), /intensity must be an integer >= 1/);
});

test("presentations up to 32,768 steps: WASM = TypeScript at the boundary; longer ones are refused before a run", async () => {
  const { MAX_PRESENTATION_STEPS } = await import("../../src/core/poisson");
  const { derive } = await import("../../src/core/derived");
  const { DIEHL_COOK_2015, withOverrides } = await import("../../src/core/params");
  const steps = MAX_PRESENTATION_STEPS;
  assert.equal(steps, 32768);
  const dt = 350 / steps; // ms: 32,768 steps exactly
  const perPixel = (0.25 * dt) / 1000; // the paper's rate, pixel / 4 Hz, per step
  const layout = allocateState(4, steps * 784, { steps, traceLength: 0 });
  const wasm = new WasmPoisson(new PoissonInput(steps, 784, perPixel), layout, createKernels(layout.memory, "wasm"));
  const input = new PoissonInput(steps, 784, perPixel);
  const inWasm = createSchedule(steps, 784, layout.state.schedule, layout.state.stepStart);
  const inTs = createSchedule(steps, 784);
  const pixels = new Uint8Array(784);
  for (let k = 0; k < 20; k++) pixels[37 * k] = 255 - k;
  const [rngA, rngB] = [createRng(3), createRng(3)];
  input.fill(pixels, 2, rngA, inTs);
  wasm.fill(pixels, 2, rngB, inWasm);
  assert.ok(inTs.total > 500);
  assert.equal(inWasm.total, inTs.total);
  assert.deepEqual(inWasm.idx.subarray(0, inWasm.total), inTs.idx.subarray(0, inTs.total));
  assert.deepEqual(inWasm.stepStart, inTs.stepStart);
  // every step can be drawn: the last steps get spikes too
  assert.ok(inTs.stepStart[steps] - inTs.stepStart[steps - 4000] > 0);
  assert.throws(() => new PoissonInput(steps + 1, 784, 1e-4), /steps must be an integer in \[1, 32768\], got 32769/);
  // a preset whose presentation needs more steps is refused with the reason (0.01 ms: 35,000 steps)
  assert.equal(derive(withOverrides(DIEHL_COOK_2015, { presentMs: 16384 })).presentSteps, steps);
  assert.throws(() => derive(withOverrides(DIEHL_COOK_2015, { presentMs: 16384.5 })), /a presentation of 32769 steps/);
  assert.throws(() => derive(withOverrides(DIEHL_COOK_2015, { dtMs: 0.01 })),
    /a presentation of 35000 steps \(presentMs 350 \/ dtMs 0.01\) is longer than the 32768 steps the Poisson input draws exactly: use dtMs >= 0.01068115234375/);
});
