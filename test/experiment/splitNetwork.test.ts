import assert from "node:assert/strict";
import { test } from "node:test";
import { allTrue, maxAll, sumAll } from "../../src/core/coupling";
import { KernelKind } from "../../src/core/kernels";
import { Network, NetworkLike, NetworkState } from "../../src/core/network";
import { DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED, PRESETS, Preset, withRule } from "../../src/core/params";
import { createCouplingBuffer, SharedCoupling } from "../../src/core/sharedCoupling";
import { joinStates, sliceRanges, sliceState } from "../../src/core/sliceState";
import { createRecording } from "../../src/core/network";
import { loadMnist } from "../../src/data/mnist";
import { SplitNetwork } from "../../src/experiment/splitNetwork";

const digits = loadMnist({ train: 40, test: 1 }).train;
const pixels = (k: number) => digits.images.subarray(k * 784, (k + 1) * 784);
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Index lists whose order changes no result (sets): compared sorted. */
const SETS = ["recent", "recentPre", "dirty", "selfList", "inhActive"] as const;

/** A state with its set-like lists sorted, to compare a joined state with a whole network's. */
function canonical(s: NetworkState): NetworkState {
  const arrays = { ...s.arrays };
  for (const key of SETS) if (arrays[key]) arrays[key] = Int32Array.from(arrays[key]!).sort();
  return { ...s, arrays };
}

function assertSameState(a: NetworkState, b: NetworkState, what: string): void {
  const ca = canonical(a), cb = canonical(b);
  const { arrays: xa, ...ra } = ca, { arrays: xb, ...rb } = cb;
  assert.deepEqual(rb, ra, `${what}: scalars, totals, random streams`);
  assert.deepEqual(Object.keys(xb).sort(), Object.keys(xa).sort(), `${what}: the same arrays`);
  for (const key of Object.keys(xa) as (keyof NetworkState["arrays"])[]) {
    assert.ok(bytes(xb[key]!).equals(bytes(xa[key]!)), `${what}: ${key} differs`);
  }
}

/**
 * Train `learnDigits` digits, then present `frozenDigits` more without learning with decision windows, on the whole
 * network and on a split one: every result, count and window, and the final states, must be identical.
 */
async function compareSplit(preset: Readonly<Preset>, threads: number, options: { neurons?: number; learnDigits?: number; frozenDigits?: number; kernels?: KernelKind } = {}) {
  const { neurons = 23, learnDigits = 12, frozenDigits = 5, kernels } = options;
  const whole = new Network({ neurons, seed: 7, preset, kernels });
  const split = SplitNetwork.create({ neurons, seed: 7, preset, kernels, threads });
  const what = `${preset.name}, ${threads} threads${kernels ? `, ${kernels} kernels` : ""}`;
  try {
    const ww = whole.decisionWindows([25, 100, preset.presentMs]), ws = split.decisionWindows([25, 100, preset.presentMs]);
    for (let d = 0; d < learnDigits + frozenDigits; d++) {
      const learn = d < learnDigits;
      const rw = whole.present(pixels(d), learn, undefined, learn ? undefined : ww);
      const rs = split.present(pixels(d), learn, undefined, learn ? undefined : ws);
      assert.deepEqual(rs, rw, `${what}: digit ${d}'s result`);
      assert.ok(bytes(split.counts.subarray(0, neurons)).equals(bytes(whole.counts.subarray(0, neurons))), `${what}: digit ${d}'s counts`);
      if (!learn) {
        assert.ok(bytes(ws.counts).equals(bytes(ww.counts)), `${what}: digit ${d}'s window counts`);
        for (const key of ["inputSpikes", "excSpikes", "inhSpikes"] as const) assert.deepEqual(Array.from(ws[key]), Array.from(ww[key]), `${what}: ${key}`);
      }
    }
    assert.deepEqual(split.totals, whole.totals, `${what}: totals`);
    assert.ok(whole.totals.excSpikes > 0 && whole.totals.spentInhSpikes > 0, `${what}: the test needs spikes of both layers`);
    assertSameState(whole.exportState(), split.exportState(), what);
  } finally {
    await split.close();
  }
}

test("the split network gives the whole network's bits: every preset, 1, 2 and 3 threads", async () => {
  for (const preset of Object.values(PRESETS)) {
    // lattice inhibition refuses to be split (test/core/lattice.test.ts)
    if (preset.neuronModel === "conductance" && preset.inhibition?.kind === "lattice") continue;
    for (const threads of [1, 2, 3]) await compareSplit(preset, threads);
  }
});

test("the split network gives the whole network's bits: every learning rule, with and without input delays", async () => {
  for (const base of [DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED]) {
    for (const rule of ["power-law", "exp-weight", "pre-post", "postpre"] as const) await compareSplit(withRule(base, rule), rule === "pre-post" ? 3 : 2);
  }
});

test("the split network gives the whole network's bits with the TypeScript kernels (the per-step path)", async () => {
  await compareSplit(DIEHL_COOK_2015, 2, { kernels: "ts", learnDigits: 6, frozenDigits: 2 });
});

test("a split network's state continues exactly: split, export, go on as a whole network", async () => {
  const whole = new Network({ neurons: 17, seed: 3 });
  for (let d = 0; d < 5; d++) whole.present(pixels(d), true);
  const split = new SplitNetwork(whole.exportState(), 3);
  try {
    for (let d = 5; d < 10; d++) assert.deepEqual(split.present(pixels(d), true), whole.present(pixels(d), true));
    const resumed = Network.fromState(split.exportState());
    for (let d = 10; d < 14; d++) assert.deepEqual(resumed.present(pixels(d), true), whole.present(pixels(d), true));
    assertSameState(whole.exportState(), resumed.exportState(), "resumed");
    const copy = split.clone();
    try {
      assert.equal(copy.threads, 3);
      assertSameState(copy.exportState(), split.exportState(), "clone");
    } finally {
      await copy.close();
    }
  } finally {
    await split.close();
  }
});

test("slices of a state join back into the same state", () => {
  const net = new Network({ neurons: 13, seed: 5, preset: DIEHL_COOK_2015_RELEASED });
  for (let d = 0; d < 4; d++) net.present(pixels(d), true);
  const state = net.exportState();
  const ranges = sliceRanges(13, 3);
  assert.deepEqual(ranges, [{ from: 0, to: 5 }, { from: 5, to: 9 }, { from: 9, to: 13 }]);
  const parts = ranges.map((r, k) => sliceState(state, r.from, r.to, k));
  assert.equal(parts[1].neurons, 4);
  assert.equal(parts[1].totals.excSpikes, 0, "only slice 0 carries the spike totals from before the split");
  assert.equal(parts[1].totals.digits, 4, "every slice has the network's digit count");
  assertSameState(state, joinStates(parts), "joined");
});

test("split networks refuse what they cannot do, saying what to do instead", async () => {
  assert.throws(() => sliceRanges(3, 4), /4 slices need at least 4 neurons/);
  assert.throws(() => new SplitNetwork(new Network({ neurons: 2, seed: 1 }).exportState(), 3), /3 threads need at least 3 neurons/);
  assert.throws(() => SplitNetwork.create({ neurons: 8, seed: 1, threads: 0 }), /threads must be an integer >= 1, got 0/);
  const split = SplitNetwork.create({ neurons: 8, seed: 1, threads: 2 });
  try {
    assert.throws(() => split.present(pixels(0), false, createRecording(new Network({ neurons: 8, seed: 1 }))), /recordings need a whole network/);
    assert.throws(() => split.present(new Uint8Array(5), false), /784 pixels, got 5/);
    const wrong = new Network({ neurons: 9, seed: 1 }).decisionWindows([100]);
    assert.throws(() => split.present(pixels(0), false, undefined, wrong), /made for 9 neurons, this network has 8/);
  } finally {
    await split.close();
  }
  assert.throws(() => split.present(pixels(0), false), /closed/);
});

test("a split network is a NetworkLike: the experiments' phases run on it", async () => {
  const { train, respond } = await import("../../src/experiment/phases");
  const whole: NetworkLike = new Network({ neurons: 12, seed: 2 });
  const split: NetworkLike = SplitNetwork.create({ neurons: 12, seed: 2, threads: 2 });
  try {
    const a = train(whole, digits, { samples: 6 }), b = train(split, digits, { samples: 6 });
    assert.equal(b.excSpikes, a.excSpikes);
    const ra = respond(whole, digits, { start: 6, samples: 4, decisionMs: [50] }), rb = respond(split, digits, { start: 6, samples: 4, decisionMs: [50] });
    assert.deepEqual(Array.from(rb.counts), Array.from(ra.counts));
  } finally {
    split.close?.();
  }
});

test("one slice's coupling: the reductions of its own value", () => {
  const c = new SharedCoupling(createCouplingBuffer(1), 1, 0);
  assert.equal(sumAll(c, 4), 4);
  assert.equal(maxAll(c, -2.5), -2.5);
  assert.equal(allTrue(c, true), true);
  assert.equal(allTrue(c, false), false);
  assert.throws(() => new SharedCoupling(createCouplingBuffer(2), 3, 0), /needs/);
  assert.throws(() => new SharedCoupling(createCouplingBuffer(2), 2, 2), /index must be in \[0, 2\), got 2/);
});

test("a broken coupling: a slice waiting at a meeting throws instead of waiting for ever", () => {
  const buffer = createCouplingBuffer(2);
  const waiting = new SharedCoupling(buffer, 2, 0, 10), failed = new SharedCoupling(buffer, 2, 1);
  failed.break();
  assert.throws(() => waiting.gather(1), /slice 0: another slice of the network failed/);
});

test("a run split across 2 threads gives the same records as on one, and resumes from a checkpoint on any thread count", async () => {
  const { runExperiment } = await import("../../src/experiment/run");
  const { fileCheckpointer } = await import("../../src/experiment/checkpoint");
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const c = { neurons: 14, preset: "diehl-cook-2015-released", dataset: "mnist" as const, trainSamples: 60, epochs: 1, testSamples: 30, seed: 4, labelSamples: 60, snapshots: [30, 60] };
  const strip = <R extends object>(r: R) => ({ ...r, trainSeconds: 0, trainSamplesPerSec: 0, evalSeconds: 0, evalSamplesPerSec: 0, trainCostWallUs: 0, testCostWallUs: 0 });
  const reference = runExperiment(c);
  assert.deepEqual(runExperiment(c, { threads: 2 }).map(strip), reference.map(strip));
  // killed after the first snapshot on 2 threads, resumed on 3
  const checkpoint = fileCheckpointer(mkdtempSync(join(tmpdir(), "split-")), "r");
  assert.throws(() => runExperiment(c, { threads: 2, checkpoint: { ...checkpoint, save: (...a: Parameters<typeof checkpoint.save>) => { checkpoint.save(...a); throw new Error("killed"); } } }), /killed/);
  assert.equal(checkpoint.load()!.totals.digits, 30);
  const resumed = runExperiment(c, { threads: 3, checkpoint, skip: new Set([30]) });
  assert.deepEqual(resumed.map(strip), reference.slice(1).map(strip));
});
