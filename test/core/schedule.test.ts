import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CONDUCTANCE_STEP, CURRENT_STEP, eventPhases, loopPhases, phaseNames } from "../../src/core/schedule";
import { generateKernelsWat } from "../../scripts/kernels/generate";

test("schedule: the conductance step's phases in Brian's order (integrate and threshold, propagate, reset)", () => {
  assert.deepEqual(phaseNames(CONDUCTANCE_STEP), [
    "expireRefractory", "scatterInput", "excitatory", "depression", "holdRefractory", "inhibitory", "stampPre", "excitatorySpikes",
    "inhibitorySpikes", "meetSlices",
  ]);
  assert.deepEqual(loopPhases(), ["expireRefractory", "scatterInput", "excitatory", "depression", "holdRefractory", "inhibitory", "inhibitorySpikes", "meetSlices"]);
  assert.deepEqual(eventPhases(), ["stampPre", "excitatorySpikes", "inhibitorySpikes", "meetSlices"]);
});

test("schedule: the current step's phases (BindsNET: each connection delivers the previous step's spikes)", () => {
  assert.deepEqual(phaseNames(CURRENT_STEP), ["expireRefractory", "excitatory", "emit", "inhibitory", "learning", "assembleInput"]);
});

test("schedule: the generated step loop runs the loop phases in the schedule's order, the event exit before the 'both' phases", () => {
  const wat = readFileSync(join(__dirname, "..", "..", "src", "core", "wasm", "kernels.wat"), "utf8");
  assert.equal(wat, generateKernelsWat(), "kernels.wat is stale: run npm run build:wasm");
  const body = wat.slice(wat.indexOf('(func (export "runSteps")'));
  const marks = [...body.matchAll(/;; phase (\w+)/g)].map((m) => m[1]);
  assert.deepEqual(marks, loopPhases());
  const exit = body.indexOf(";; an excitatory spike, or an inhibitory one while lattice inhibition is on (inhEvents): return to TypeScript");
  assert.ok(exit > body.indexOf(";; phase inhibitory:") && exit < body.indexOf(";; phase inhibitorySpikes"));
});
