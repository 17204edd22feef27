import { test } from "node:test";
import assert from "node:assert/strict";
import { Network } from "../../src/core/network";
import { presetFromLabel } from "../../src/core/overrides";
import { RunConfig, validateRunConfig } from "../../src/experiment/config";
import { threadEvaluator } from "../../src/experiment/evaluator";
import { assignFromResponses, evaluateResponses, respond, train } from "../../src/experiment/phases";
import { cellId, runId, toStoredRecord } from "../../src/experiment/records";
import { loadRunData, RunRecord, runExperiment } from "../../src/experiment/run";
import { sweepRuns } from "../../src/experiment/sweep";
import { evaluatedOnLabel, summarizeAccuracy } from "../../src/analysis/summary";

const once: RunConfig = {
  neurons: 12, preset: "diehl-cook-2015", dataset: "mnist", trainSamples: 200, epochs: 1, testSamples: 60, seed: 4,
  labelSamples: 100, snapshots: [100, 200],
};
const thrice: RunConfig = { ...once, testRepeats: 3 };
const strip = (r: RunRecord) => ({ ...r, trainSeconds: 0, trainSamplesPerSec: 0, evalSeconds: 0, evalSamplesPerSec: 0, trainCostWallUs: 0, testCostWallUs: 0 });

test("test repeats: accuracy over all K x N presentations (fresh noise each time); the first repeat is the K = 1 run", () => {
  const [, last1] = runExperiment(once);
  const [, last3] = runExperiment(thrice);
  assert.equal(last1.accuracyFirstRepeat, undefined);
  assert.equal(last3.accuracyFirstRepeat, last1.accuracy);
  assert.equal(last3.accuracyProportionFirstRepeat, last1.accuracyProportion);
  assert.equal(last3.testSamples, 60);
  // an independent path through the public phases: the same network, labels once, the test digits three times
  const data = loadRunData(once);
  const net = new Network({ neurons: 12, seed: 4, preset: presetFromLabel("diehl-cook-2015") });
  train(net, data.train);
  const labels = assignFromResponses(respond(net, data.train, { samples: 200 }));
  const correct = [0, 1, 2].map(() => evaluateResponses(respond(net, data.test), labels).accuracy * 60 / 100);
  assert.notDeepEqual(correct, [correct[0], correct[0], correct[0]], "fresh Poisson noise: the repeats differ");
  assert.ok(Math.abs(last3.accuracy - (100 * (correct[0] + correct[1] + correct[2])) / 180) < 1e-9, `${last3.accuracy} vs ${correct}`);
  assert.equal(last3.accuracyFirstRepeat, (100 * correct[0]) / 60);
});

test("test repeats: K = 1 keeps today's ids; K > 1 is a cell of its own, named in the record and summarised apart", () => {
  const { testRepeats: _k, ...plain } = { ...once, testRepeats: 1 };
  assert.equal(runId({ ...once, testRepeats: 1 }), runId(plain));
  assert.notEqual(runId(thrice), runId(once));
  assert.notEqual(cellId(thrice, 200), cellId(once, 200));
  const [, r3] = runExperiment(thrice);
  const stored = toStoredRecord(thrice, r3);
  assert.equal(stored.testRepeats, 3);
  assert.equal(toStoredRecord(once, r3).testRepeats, undefined);
  assert.equal(evaluatedOnLabel(stored), "test x 3");
  const rows = summarizeAccuracy([stored, toStoredRecord(once, r3)]);
  assert.deepEqual(rows.map((r) => r.evaluatedOn).sort(), ["test", "test x 3"]);
  assert.equal(sweepRuns({ neurons: [12], seeds: [1], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [100], testSamples: 60, testRepeats: 2 })[0].testRepeats, 2);
  assert.equal(sweepRuns({ neurons: [12], seeds: [1], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [100], testSamples: 60, testRepeats: 1 })[0].testRepeats, undefined);
});

test("test repeats: snapshots evaluated beside training repeat too (the same records)", async () => {
  const evaluator = threadEvaluator();
  try {
    assert.deepEqual(runExperiment(thrice, { evaluator }).map(strip), runExperiment(thrice).map(strip));
  } finally {
    await evaluator.close();
  }
});

test("test repeats: a count that is not an integer in [1, 100] is refused, saying so", () => {
  for (const k of [0, 1.5, 101, Number.NaN]) assert.throws(() => validateRunConfig({ ...once, testRepeats: k }), /testRepeats must be an integer in \[1, 100\]/);
});
