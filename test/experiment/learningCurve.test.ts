import assert from "node:assert/strict";
import { test } from "node:test";
import { RunConfig } from "../../src/experiment/config";
import { runExperiment } from "../../src/experiment/run";

// run.ts's claim: a snapshot of a learning curve gives what a separate run stopped at that amount gives (the clone
// assigns labels and is tested while the original trains on untouched).
test("a learning curve's snapshot equals a separate run stopped at that amount", () => {
  const base: RunConfig = {
    neurons: 12, seed: 3, preset: "diehl-cook-2015", dataset: "mnist-10k", trainSamples: 240, epochs: 1, testSamples: 60,
    labelSamples: 240, snapshots: [120, 240],
  };
  const curve = runExperiment(base);
  const stopped = runExperiment({ ...base, trainSamples: 120, labelSamples: 120, snapshots: [120] });
  const strip = (r: (typeof curve)[number]) => ({ ...r, trainSeconds: 0, trainSamplesPerSec: 0, evalSeconds: 0, evalSamplesPerSec: 0, trainCostWallUs: 0, testCostWallUs: 0, epochsDone: 0 });
  assert.equal(curve[0].trainedSamples, 120);
  assert.equal(curve[0].labelSamples, stopped[0].labelSamples, "labels on the same digits");
  assert.deepEqual(strip(curve[0]), strip(stopped[0]));
  assert.notDeepEqual(strip(curve[1]), strip(curve[0]), "the curve goes on");
});
