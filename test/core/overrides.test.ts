import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { overrideLabel, parseOverrideLabel, presetFromLabel, presetLabel } from "../../src/core/overrides";
import { ConductancePreset, DIEHL_COOK_2015 } from "../../src/core/params";
import { presetHash } from "../../src/experiment/records";
import { validatePreset } from "../../src/core/derived";

test("overrides: a sorted, CSV-safe label that reads back to the same values", () => {
  const overrides = { stdp: { nuPost: 0.02 }, exc: { tauThetaMs: 1e8 }, oneSpikePerStep: true };
  const label = overrideLabel(overrides);
  assert.equal(label, "exc.tauThetaMs=100000000;oneSpikePerStep=true;stdp.nuPost=0.02");
  assert.deepEqual(parseOverrideLabel(label), overrides);
  assert.equal(presetLabel("diehl-cook-2015"), "diehl-cook-2015");
  const p = presetFromLabel(presetLabel("diehl-cook-2015", { exc: { tauThetaMs: 1e8 } }));
  assert.equal(p.exc.tauThetaMs, 1e8);
  assert.equal(p.exc.thetaPlusMv, DIEHL_COOK_2015.exc.thetaPlusMv);
  assert.equal(p.name, "diehl-cook-2015+exc.tauThetaMs=100000000");
  assert.equal(presetFromLabel("diehl-cook-2015"), DIEHL_COOK_2015);
});

test("overrides: misspelt keys, wrong types and non-parameters are errors", () => {
  assert.throws(() => overrideLabel({ exc: { tauThetaMS: 1 } } as never), /no preset has a value "exc.tauThetaMS" \(misspelt\?\)/);
  assert.throws(() => overrideLabel({ exc: { tauThetaMs: "1" } } as never), /exc.tauThetaMs must be a finite number, got "1"/);
  assert.throws(() => overrideLabel({ exc: 3 } as never), /exc must be an object of values, got 3/);
  assert.throws(() => overrideLabel({ name: "x" }), /"name" is not a parameter/);
  assert.throws(() => overrideLabel({ normWhen: "a;b" } as never), /must not contain/);
  assert.throws(() => overrideLabel({}), /changes nothing/);
  assert.throws(() => presetFromLabel("brian+exc.tauThetaMs=1"), /unknown preset "brian"/);
  assert.throws(() => presetFromLabel("diehl-cook-2015+exc.tauThetaMs"), /is not path=value/);
});

test("overrides: the named presets keep their hashes (stored records and checkpoints still match)", () => {
  const stored = JSON.parse(readFileSync(join(__dirname, "..", "..", "data", "results", "paper", "presets.json"), "utf8"));
  for (const name of ["diehl-cook-2015", "diehl-cook-2015-euler", "bindsnet"]) assert.ok(presetHash(name) in stored, name);
  assert.notEqual(presetHash("diehl-cook-2015+exc.tauThetaMs=100000000"), presetHash("diehl-cook-2015"));
});

test("overrides: a parameter of the other neuron model is refused (each model has its own parameter type)", () => {
  assert.throws(() => presetFromLabel("bindsnet+exc.eExcMv=5"), /"exc.eExcMv" is not a parameter of the current model \(preset "bindsnet"\)/);
  assert.equal((presetFromLabel("diehl-cook-2015+conductanceDecay=euler") as Readonly<ConductancePreset>).conductanceDecay, "euler");
  assert.equal("eExcMv" in presetFromLabel("bindsnet").exc, false);
});

test("overrides: mode fields take only their allowed values, counts only whole numbers (refused before a network is built)", async () => {
  const { Network } = await import("../../src/core/network");
  const cases: [string, RegExp][] = [
    ["normWhen=never", /normWhen must be "before" or "after", got "never"/],
    ["conductanceDecay=exact", /conductanceDecay must be "exponential" or "euler", got "exact"/],
    ["excRefractory=hold", /excRefractory must be "clamp" or "integrate", got "hold"/],
    ["refractoryConvention=brian2", /refractoryConvention must be "brian" or "bindsnet", got "brian2"/],
    ["maxRetries=2.5", /maxRetries must be a whole number, got 2.5/],
    ["minSpikes=0.5", /minSpikes must be a whole number, got 0.5/],
    ["startIntensity=1.5", /startIntensity must be a whole number, got 1.5/],
  ];
  for (const [label, message] of cases) {
    assert.throws(() => new Network({ neurons: 4, seed: 1, preset: presetFromLabel(`diehl-cook-2015+${label}`) }), message, label);
  }
  assert.equal(new Network({ neurons: 4, seed: 1, preset: presetFromLabel("diehl-cook-2015+conductanceDecay=euler;maxRetries=3") }).neurons, 4);
});

test("a time step longer than the model's shortest time span is refused, naming both, unless asked for (a departure)", () => {
  const coarse = { dtMs: 25, exc: { refractoryMs: 25 }, inh: { refractoryMs: 25 } };
  assert.throws(() => validatePreset(presetFromLabel(presetLabel("diehl-cook-2015", coarse))), /dtMs 25 is longer than exc\.tauGeMs 1 ms, the shortest time span of the model.*coarseTimeStep: true/);
  assert.throws(() => validatePreset(presetFromLabel(presetLabel("diehl-cook-2015", { dtMs: 2 }))), /dtMs 2 is longer than exc\.tauGeMs 1 ms/);
  const allowed = presetFromLabel(presetLabel("diehl-cook-2015", { ...coarse, coarseTimeStep: true }));
  validatePreset(allowed);
  assert.equal(allowed.dtMs, 25);
  assert.match(allowed.name, /coarseTimeStep=true/);
  assert.notEqual(presetHash(allowed.name), presetHash("diehl-cook-2015"));
  // BindsNET's dt 1 ms against its shortest span, the inhibitory refractory period of 2 ms: accepted
  validatePreset(presetFromLabel("bindsnet"));
});

test("the learning rule is chosen with --rule only: an override of stdp.rule (which would run under another rule's label) is refused", () => {
  assert.throws(() => overrideLabel({ stdp: { rule: "triplet" } }), /choose the learning rule with --rule \(in code: withRule\), not stdp\.rule/);
  assert.equal(overrideLabel({ stdp: { eta: 0.02 } }), "stdp.eta=0.02");
});
