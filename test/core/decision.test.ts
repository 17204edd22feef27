import assert from "node:assert/strict";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { BINDSNET, DIEHL_COOK_2015, withRule } from "../../src/core/params";
import { loadMnist } from "../../src/data/mnist";

const { train } = loadMnist({ train: 30 });
const digit = (k: number) => train.images.subarray(k * 784, (k + 1) * 784);

for (const preset of [DIEHL_COOK_2015, withRule(DIEHL_COOK_2015, "power-law"), BINDSNET]) {
  test(`${preset.name}: decision windows change nothing, end with the presentation's counts, and agree between the WASM loop and the TypeScript steps`, () => {
    const plain = new Network({ neurons: 30, seed: 2, preset });
    const nets = (["wasm", "ts"] as const).map((kernels) => new Network({ neurons: 30, seed: 2, preset, kernels }));
    const ms = [25, 50, 100, 200, preset.presentMs];
    const windows = nets.map((net) => net.decisionWindows(ms));
    for (let k = 0; k < 30; k++) {
      const learn = k < 20;
      const r = plain.present(digit(k), learn);
      const rs = nets.map((net, n) => net.present(digit(k), learn, undefined, windows[n]));
      assert.deepEqual(rs[0], r, `digit ${k}: the same result with windows`);
      assert.deepEqual(rs[1], r, `digit ${k}: TypeScript steps`);
      const [w, v] = windows;
      assert.deepEqual(w, v, `digit ${k}: the same windows in WASM and TypeScript`);
      const last = w.counts.subarray((ms.length - 1) * 30, ms.length * 30);
      assert.deepEqual(Array.from(last), Array.from(nets[0].counts.subarray(0, 30)), "the last window is the whole presentation");
      for (let q = 1; q < ms.length; q++) {
        for (let j = 0; j < 30; j++) assert.ok(w.counts[q * 30 + j] >= w.counts[(q - 1) * 30 + j], "counts only grow");
        assert.ok(w.inputSpikes[q] >= w.inputSpikes[q - 1] && w.excSpikes[q] >= w.excSpikes[q - 1] && w.inhSpikes[q] >= w.inhSpikes[q - 1]);
      }
      if (r.presentations === 1) {
        assert.equal(w.inputSpikes[ms.length - 1], r.inputSpikes, "one presentation: its input spikes");
        assert.equal(w.excSpikes[ms.length - 1], r.spikes, "one presentation: its excitatory spikes");
      }
    }
    assert.deepEqual(nets[0].exportState(), plain.exportState(), "the windows leave the state as it would be");
    assert.deepEqual(nets[1].exportState().totals, plain.exportState().totals);
  });
}

test("a decision window at every step: the WASM loop's windows (noted as it runs, closed at events) equal the TypeScript steps", () => {
  const nets = (["wasm", "ts"] as const).map((kernels) => new Network({ neurons: 30, seed: 2, preset: DIEHL_COOK_2015, kernels }));
  const ms = Array.from({ length: DIEHL_COOK_2015.presentMs / DIEHL_COOK_2015.dtMs }, (_, i) => (i + 1) * DIEHL_COOK_2015.dtMs);
  const windows = nets.map((net) => net.decisionWindows(ms));
  let events = 0;
  for (let k = 0; k < 30; k++) {
    nets.forEach((net, n) => net.present(digit(k), k < 20, undefined, windows[n]));
    assert.deepEqual(windows[0], windows[1], `digit ${k}`);
    for (let q = 1; q < ms.length; q++) if (windows[0].excSpikes[q] > windows[0].excSpikes[q - 1]) events++;
  }
  assert.ok(events > 50, `the windows end at event steps too (${events})`);
  assert.deepEqual(nets[0].exportState(), nets[1].exportState());
});

test("the totals count what every presentation cost: input, excitatory and inhibitory spikes, simulated steps", () => {
  const net = new Network({ neurons: 20, seed: 3, preset: DIEHL_COOK_2015 });
  let input = 0, presentations = 0, finalSpikes = 0;
  for (let k = 0; k < 10; k++) {
    const r = net.present(digit(k), true);
    presentations += r.presentations;
    finalSpikes += r.spikes;
    if (r.presentations === 1) input += r.inputSpikes;
  }
  const t = net.totals;
  assert.equal(t.costDigits, 10);
  assert.equal(t.simulatedSteps, presentations * (DIEHL_COOK_2015.presentMs + DIEHL_COOK_2015.restMs) / DIEHL_COOK_2015.dtMs);
  assert.ok(t.spentInputSpikes >= input && t.spentInputSpikes >= t.inputSpikes);
  assert.ok(t.spentExcSpikes >= finalSpikes && finalSpikes > 0);
  assert.ok(t.spentInhSpikes > 0, "the inhibitory neurons spike");
  assert.ok(t.spentInhSpikes <= t.spentExcSpikes, "one inhibitory neuron per excitatory one, driven by its spikes");
});

test("decision windows: ends that are not whole steps, outside the presentation or not ascending are refused", () => {
  const net = new Network({ neurons: 10, seed: 1, preset: DIEHL_COOK_2015 });
  assert.throws(() => net.decisionWindows([25.2]), /not a whole number of 0.5 ms steps/);
  assert.throws(() => net.decisionWindows([400]), /in \[1, 700\]/);
  assert.throws(() => net.decisionWindows([50, 25]), /ascend/);
  assert.throws(() => net.decisionWindows([]), /at least one/);
  const other = new Network({ neurons: 12, seed: 1, preset: DIEHL_COOK_2015 });
  assert.throws(() => other.present(digit(0), false, undefined, net.decisionWindows([25])), /made for 10 neurons/);
});
