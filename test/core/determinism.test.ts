import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { BINDSNET, DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED, withRule } from "../../src/core/params";
import { respond, train } from "../../src/experiment/phases";
import { loadNetwork, saveNetwork } from "../../src/core/snapshot";
import { loadMnist } from "../../src/data/mnist";

const { train: digits } = loadMnist({ train: 60 });
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

test("same seed gives identical results; another seed gives different ones", () => {
  const run = (seed: number) => {
    const net = new Network({ neurons: 30, seed });
    train(net, digits, { samples: 30 });
    return { w: net.state.w.slice(), counts: respond(net, digits, { start: 30, samples: 10 }).counts };
  };
  const a = run(1), b = run(1), c = run(2);
  assert.ok(bytes(a.w).equals(bytes(b.w)));
  assert.deepEqual(a.counts, b.counts);
  assert.ok(!bytes(a.w).equals(bytes(c.w)));
});

for (const preset of [DIEHL_COOK_2015, BINDSNET, DIEHL_COOK_2015_RELEASED, withRule(DIEHL_COOK_2015_RELEASED, "pre-post")]) {
  test(`${preset.name}: a saved and loaded network continues exactly as the original`, () => {
    const dir = mkdtempSync(join(tmpdir(), "snn-save-"));
    const original = new Network({ neurons: 25, seed: 5, preset });
    train(original, digits, { samples: 20 });
    saveNetwork(original, join(dir, "net.snn"));
    const loaded = loadNetwork(join(dir, "net.snn"));
    assert.equal(loaded.neurons, 25);
    assert.equal(loaded.seed, 5);
    assert.equal(loaded.preset.name, preset.name);
    train(original, digits, { start: 20, samples: 20 });
    train(loaded, digits, { start: 20, samples: 20 });
    assert.ok(bytes(original.state.w).equals(bytes(loaded.state.w)));
    assert.deepEqual(original.state.theta, loaded.state.theta);
    assert.deepEqual(original.totals, loaded.totals);
    const clone = original.clone();
    assert.deepEqual(respond(original, digits, { samples: 5 }).counts, respond(clone, digits, { samples: 5 }).counts);
    const [a, b] = [original, loaded].map((n) => n.exportState().arrays);
    assert.deepEqual(a.delays, b.delays); // input delays (and their histories) are part of the saved state
    assert.deepEqual(a.delayPostHistory, b.delayPostHistory);
  });
}

test("loading a file that is not a network, or is truncated, says so", () => {
  const dir = mkdtempSync(join(tmpdir(), "snn-bad-"));
  writeFileSync(join(dir, "x.snn"), "hello world, not a network");
  assert.throws(() => loadNetwork(join(dir, "x.snn")), /not a snn-workbook network file/);
  const net = new Network({ neurons: 5, seed: 1 });
  saveNetwork(net, join(dir, "ok.snn"));
  const full = require("node:fs").readFileSync(join(dir, "ok.snn"));
  writeFileSync(join(dir, "cut.snn"), full.subarray(0, full.length - 100));
  assert.throws(() => loadNetwork(join(dir, "cut.snn")), /truncated: array/);
  assert.throws(() => loadNetwork(join(dir, "missing.snn")), /cannot read/);
});

test("invalid network options are errors that name the problem", () => {
  assert.throws(() => new Network({ neurons: 0, seed: 1 }), /neurons must be an integer >= 1, got 0/);
  assert.throws(() => new Network({ neurons: 10, seed: -3 }), /seed must be an integer in \[0, 2\^32\), got -3/);
  assert.throws(() => new Network({ neurons: 10, seed: 1 }).present(new Uint8Array(10), true), /a digit has 784 pixels, got 10/);
});

test("a state saved before the recent-input list existed loads and continues identically", () => {
  const net = new Network({ neurons: 15, seed: 8 });
  train(net, digits, { samples: 10 });
  const state = net.exportState();
  delete state.arrays.recentPre;
  const loaded = Network.fromState(state);
  train(net, digits, { start: 10, samples: 10 });
  train(loaded, digits, { start: 10, samples: 10 });
  assert.ok(bytes(net.state.w).equals(bytes(loaded.state.w)));
});
