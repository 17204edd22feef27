import assert from "node:assert/strict";
import { test } from "node:test";
import { derive } from "../../src/core/derived";
import { createKernels } from "../../src/core/kernels";
import { createRecording, Network } from "../../src/core/network";
import { BINDSNET, DIEHL_COOK_2015, DIEHL_COOK_2015_EULER, Preset, withOverrides } from "../../src/core/params";
import { allocateState } from "../../src/core/state";
import * as K from "./kernelArgs";

const dc = DIEHL_COOK_2015;
const d = derive(dc);

function oneNeuron() {
  const layout = allocateState(1, 16);
  return { layout, k: createKernels(layout.memory, "wasm"), s: layout.state, p: layout.ptr };
}

/** `steps` conductance steps of one neuron without input or inhibition, with the decays of `derived`. */
function stepWithoutInput(n: ReturnType<typeof oneNeuron>, steps: number, derived = d): void {
  const { k, p, layout } = n;
  for (let step = 0; step < steps; step++) {
    K.stepConductanceNoGi(k, layout, { idx: p.schedule, count: 0, m: 0, vRest: -65, eExc: 0, eInh: -100, k: derived.excEuler, geDecay: derived.geDecay, vReset: -65 });
  }
}

test("conductance: ge after k steps is g0 exp(-k dt / tau_ge); v relaxes as (1 - dt/tau)^k without input", () => {
  const one = oneNeuron();
  const s = one.s;
  s.v[0] = -50;
  s.ge[0] = 0;
  s.thr[0] = Infinity;
  stepWithoutInput(one, 40);
  const expected = -65 + 15 * Math.pow(1 - 0.5 / 100, 40);
  assert.ok(Math.abs(s.v[0] - expected) < 1e-4, `v ${s.v[0]} vs ${expected}`);
  s.ge[0] = 2;
  stepWithoutInput(one, 10);
  assert.ok(Math.abs(s.ge[0] - 2 * Math.exp(-10 * 0.5 / 1)) < 1e-6);
});

test("conductance decay: exp(-dt/tau) by default; 1 - dt/tau (Brian 1 forward Euler) in diehl-cook-2015-euler", () => {
  const euler = derive(DIEHL_COOK_2015_EULER);
  assert.equal(d.geDecay, Math.exp(-0.5));
  assert.equal(d.giDecay, Math.exp(-0.25));
  assert.equal(euler.geDecay, 0.5);
  assert.equal(euler.giDecay, 0.75);
  assert.equal(euler.inhGeDecay, 0.5);
  // a jump w integrates to w dt / (1 - decay): w * tau exactly with Euler, 1.27 w * tau with exp at dt = tau / 2
  assert.equal(0.5 / (1 - euler.geDecay), 1);
  assert.ok(Math.abs(0.5 / (1 - d.geDecay) - 1.2707) < 1e-4);
  const one = oneNeuron();
  one.s.v[0] = -65;
  one.s.ge[0] = 2;
  one.s.thr[0] = Infinity;
  stepWithoutInput(one, 3, euler);
  assert.equal(one.s.ge[0], 0.25);
  assert.equal(DIEHL_COOK_2015.conductanceDecay, undefined); // results computed before the option existed keep their preset hash
});

test("conductance: v with a decaying ge follows the Euler recursion computed in f64", () => {
  const { k, s, p, layout } = oneNeuron();
  s.v[0] = -65;
  s.ge[0] = 1.5;
  s.thr[0] = Infinity;
  let v = -65, ge = 1.5;
  for (let step = 0; step < 30; step++) {
    K.stepConductance(k, layout, { idx: p.schedule, count: 0, m: 0, vRest: -65, eExc: 0, eInh: -100, k: d.excEuler, geDecay: d.geDecay, gi: 0.2, vReset: -65 });
    v += (0.5 / 100) * ((-65 - v) + ge * (0 - v) + 0.2 * (-100 - v));
    ge *= Math.exp(-0.5);
  }
  assert.ok(Math.abs(s.v[0] - v) < 1e-3, `v ${s.v[0]} vs ${v}`);
});

test("current model (BindsNET): v_k = rest + (v0 - rest) decay^k, and input adds in mV", () => {
  const layout = allocateState(1, 16);
  const k = createKernels(layout.memory, "wasm");
  const { v, ge, thr } = layout.state;
  const p = layout.ptr;
  const decay = derive(BINDSNET).excDecay;
  v[0] = -55;
  thr[0] = Infinity;
  for (let step = 0; step < 25; step++) K.excCurrent(k, layout, { vRest: -65, decay, vReset: -60 });
  assert.ok(Math.abs(v[0] - (-65 + 10 * Math.exp(-25 / 100))) < 1e-4);
  ge[0] = 3;
  const before = v[0];
  K.excCurrent(k, layout, { vRest: -65, decay, vReset: -60 });
  assert.ok(Math.abs(v[0] - (-65 + (before + 65) * decay + 3)) < 1e-5);
  assert.equal(ge[0], 0); // the input buffer is consumed
});

test("stability: 30 inhibitory spikes in one step (gi dt / tau > 2) clamp v at E_inh instead of overshooting", () => {
  const { k, s, p, layout } = oneNeuron();
  s.v[0] = -60;
  s.ge[0] = 0;
  s.thr[0] = -52;
  const n = K.stepConductance(k, layout, { idx: p.schedule, count: 0, m: 0, vRest: -65, eExc: 0, eInh: -100, k: d.excEuler, geDecay: d.geDecay, gi: 30 * 17, vReset: -65 });
  // Unclamped Euler: -60 + 0.005 * (-5 - 510 * 40) = -162.0 mV, far below E_inh.
  assert.equal(n, 0);
  assert.equal(s.v[0], -100);
});

test("stability: a network whose neurons all fire at once stays finite and keeps working", () => {
  const net = new Network({ neurons: 50, seed: 3 });
  net.state.w.fill(1);
  const rec = createRecording(net);
  net.present(new Uint8Array(784).fill(255), false, rec);
  assert.ok(rec.vMv.every((v) => Number.isFinite(v) && v >= -100 && v <= 0));
  const firstStep = Math.min(...rec.excSteps);
  const together = rec.excSteps.filter((s) => s === firstStep).length;
  assert.ok(together >= 24, `${together} neurons fired together`);
  assert.ok(rec.excSteps.some((s) => s > firstStep + 50), "the network keeps spiking after the volley");
});

function spikeSteps(preset: Readonly<Preset> = dc) {
  const net = new Network({ neurons: 1, seed: 1, preset });
  net.state.w.fill(1);
  const rec = createRecording(net);
  net.present(new Uint8Array(784).fill(255), false, rec);
  return { net, rec };
}

test("refractoriness: with saturating input a neuron fires as soon as its refractory period ends, v held at reset", () => {
  const { rec } = spikeSteps();
  assert.ok(rec.excSteps.length > 10);
  const isi = rec.excSteps.slice(1).map((s, k) => s - rec.excSteps[k]);
  // Brian: clamped while t - lastspike < 5 ms, i.e. 9 steps after the spike step; the next spike comes 10 steps later.
  assert.ok(isi.every((x) => x === 10), `inter-spike intervals ${isi.slice(0, 5)}`);
  const s0 = rec.excSteps[0];
  for (let s = s0; s < s0 + 10; s++) assert.equal(rec.vMv[s], -65);
  const bindsnet = spikeSteps(BINDSNET).rec;
  const isiB = bindsnet.excSteps.slice(1).map((s, k) => s - bindsnet.excSteps[k]);
  assert.ok(isiB.every((x) => x === 6), `BindsNET intervals ${isiB.slice(0, 5)} (5 steps blocked)`);
});

test("refractoriness, Brian 1 (excRefractory integrate): v integrates from reset while spikes stay blocked for 10 steps", () => {
  const { rec, net } = spikeSteps(withOverrides(dc, { excRefractory: "integrate" }));
  const isi = rec.excSteps.slice(1).map((s, k) => s - rec.excSteps[k]);
  assert.ok(rec.excSteps.length > 10);
  assert.ok(isi.every((x) => x === 10), `inter-spike intervals ${isi.slice(0, 5)}`);
  const s0 = rec.excSteps[0];
  assert.equal(rec.vMv[s0], -65); // the spike step resets v
  for (let s = s0 + 1; s < s0 + 10; s++) assert.ok(rec.vMv[s] > rec.vMv[s - 1], `v rises during the refractory period (step ${s - s0})`);
  const threshold = rec.thresholdMv[s0 + 9];
  assert.ok(rec.vMv[s0 + 9] > threshold, `v ${rec.vMv[s0 + 9]} is above threshold ${threshold}: only the block kept it from spiking`);
  assert.equal(net.stepPath.path, "wasm-loop"); // unrecorded presentations of this convention run in the WASM step loop
});

test("adaptive threshold: +0.05 mV per spike while learning, decay over the presentation, frozen at test time", () => {
  const net = new Network({ neurons: 1, seed: 1 });
  const digit = new Uint8Array(784).fill(60);
  const result = net.present(digit, true);
  assert.ok(result.spikes >= 5);
  const f = Math.exp(-(700 + 300) * result.presentations * 0.5 / 1e7);
  const spikes = (net.state.theta[0] / f - 20) / 0.05;
  assert.ok(Math.abs(spikes - Math.round(spikes)) < 1e-6, `theta gained ${spikes} x 0.05 mV`);
  assert.ok(Math.round(spikes) >= result.spikes);
  const theta = net.state.theta[0];
  net.present(digit, false);
  assert.equal(net.state.theta[0], theta);
});

test("retry rule: fewer than 5 spikes raises the intensity and repeats, up to the cap, then reports the digit as capped", () => {
  const net = new Network({ neurons: 5, seed: 2 });
  net.state.w.fill(0); // no input reaches the neurons: they can never spike
  const result = net.present(new Uint8Array(784).fill(200), false);
  assert.equal(result.presentations, dc.maxRetries + 1);
  assert.equal(result.intensity, dc.startIntensity + dc.maxRetries);
  assert.equal(result.capped, true);
  assert.equal(result.spikes, 0);
  assert.equal(net.totals.cappedDigits, 1);
  const lively = new Network({ neurons: 20, seed: 2 });
  const normal = lively.present(new Uint8Array(784).fill(120), false);
  assert.equal(normal.capped, false);
  assert.ok(normal.spikes >= 5);
});

test("presets: invalid or unimplemented values are rejected with the field's name", async () => {
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(dc, { excRefractory: "hold" } as never) }), /excRefractory must be "clamp" or "integrate", got "hold"/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(dc, { exc: { tauMembraneMs: 0 } }) }), /exc\.tauMembraneMs must be > 0, got 0/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(dc, { spikeTest: "ge" } as never) }), /implies spikeTest "gt"/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(dc, { presentMs: 350.25 }) }), /presentMs 350.25 ms is not a whole number of 0.5 ms steps/);
  assert.throws(() => new Network({ neurons: 2, seed: 1, preset: withOverrides(DIEHL_COOK_2015_EULER, { exc: { tauGeMs: 0.25 } }) }), /conductanceDecay "euler" needs exc\.tauGeMs >= dtMs \(0\.5\), got 0\.25/);
  const slower = withOverrides(dc, { exc: { thetaPlusMv: 0.1 } });
  assert.equal(slower.exc.thetaPlusMv, 0.1);
  assert.equal(dc.exc.thetaPlusMv, 0.05); // the preset itself is unchanged (frozen)
  assert.ok(Object.isFrozen(slower.exc));
});

test("recording a presentation changes nothing: the per-step path (recorded) and the WASM step loop end in the same state", () => {
  // A volley of all 50 neurons (saturating weights and input), learning on: refractory periods, dozens of inhibitory
  // spikes in one step, self-inhibited neurons; then an ordinary presentation.
  const net = new Network({ neurons: 50, seed: 3 });
  net.state.w.fill(0.5);
  const twin = net.clone();
  const digits = [new Uint8Array(784).fill(255), Uint8Array.from({ length: 784 }, (_, k) => (k * 7) % 256)];
  for (const digit of digits) {
    const a = net.present(digit, true, createRecording(net));
    const b = twin.present(digit, true);
    assert.deepEqual(a, b);
    assert.deepEqual(net.counts, twin.counts);
  }
  assert.deepEqual(net.exportState(), twin.exportState());
});
