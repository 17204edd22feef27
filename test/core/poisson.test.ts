import assert from "node:assert/strict";
import { test } from "node:test";
import { binomialCdf, createSchedule, PoissonInput } from "../../src/core/poisson";
import { createRng } from "../../src/core/rng";

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
