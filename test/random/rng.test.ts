import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng, deriveSeed, shuffleInPlace } from "../../src/random/rng";

test("same seed, same stream; derived purposes give different streams", () => {
  const a = createRng(42), b = createRng(42), c = createRng(43);
  const xs = Array.from({ length: 5 }, () => a.nextU32());
  assert.deepEqual(Array.from({ length: 5 }, () => b.nextU32()), xs);
  assert.notDeepEqual(Array.from({ length: 5 }, () => c.nextU32()), xs);
  assert.notEqual(deriveSeed(1, "weights"), deriveSeed(1, "input-spikes"));
  assert.equal(deriveSeed(1, "weights"), deriveSeed(1, "weights"));
});

test("state and restore continue the stream", () => {
  const a = createRng(5);
  a.nextU32();
  const saved = a.state();
  const next = [a.nextU32(), a.nextU32()];
  const b = createRng(99);
  b.restore(saved);
  assert.deepEqual([b.nextU32(), b.nextU32()], next);
});

test("nextFloat is in [0, 1) with mean 1/2; nextInt is uniform (chi-square, 10 bins)", () => {
  const rng = createRng(1);
  let sum = 0;
  for (let i = 0; i < 100000; i++) {
    const x = rng.nextFloat();
    assert.ok(x >= 0 && x < 1);
    sum += x;
  }
  assert.ok(Math.abs(sum / 100000 - 0.5) < 0.005);
  const bins = new Array(10).fill(0);
  for (let i = 0; i < 100000; i++) bins[rng.nextInt(10)]++;
  const chi2 = bins.reduce((acc, n) => acc + (n - 10000) ** 2 / 10000, 0);
  assert.ok(chi2 < 27.9, `chi-square ${chi2} (9 dof, p = 0.001 bound 27.9)`);
});

test("shuffle is a permutation and depends only on the seed", () => {
  const a = shuffleInPlace(Int32Array.from({ length: 100 }, (_, k) => k), createRng(3));
  const b = shuffleInPlace(Int32Array.from({ length: 100 }, (_, k) => k), createRng(3));
  assert.deepEqual(a, b);
  assert.deepEqual(Array.from(a).sort((x, y) => x - y), Array.from({ length: 100 }, (_, k) => k));
  assert.throws(() => createRng(-1), /seed must be an integer in \[0, 2\^32\), got -1/);
  assert.throws(() => deriveSeed(1.5, "x"), /got 1.5/);
});
