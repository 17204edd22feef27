import assert from "node:assert/strict";
import { test } from "node:test";
import { synOps } from "../../src/analysis/cost";
import { DECISION_MS, runExperiment } from "../../src/experiment/run";
import { RECORD_COLUMNS } from "../../src/experiment/records";

test("SynOps: input spikes reach every excitatory neuron, excitatory ones their partner, inhibitory ones all but self", () => {
  assert.equal(synOps({ inputSpikes: 2, excSpikes: 3, inhSpikes: 5 }, 100), 2 * 100 + 3 + 5 * 99);
});

test("a run's records hold what each digit cost, in training and testing, and the accuracy against decision time", () => {
  const c = { neurons: 20, preset: "diehl-cook-2015", dataset: "mnist" as const, trainSamples: 120, epochs: 1, testSamples: 80, seed: 2, labelSamples: 120, snapshots: [60, 120] };
  const records = runExperiment(c);
  for (const r of records) {
    for (const phase of ["train", "test"] as const) {
      const input = r[`${phase}CostInputSpikes`]!, exc = r[`${phase}CostExcSpikes`]!, inh = r[`${phase}CostInhSpikes`]!;
      assert.ok(input > 0 && exc > 0 && inh > 0, `${phase}: spikes counted`);
      assert.ok(Math.abs(r[`${phase}CostSynOps`]! - synOps({ inputSpikes: input, excSpikes: exc, inhSpikes: inh }, 20)) < 1e-6);
      assert.ok(r[`${phase}CostWallUs`]! > 0);
    }
    // every digit is presented for 350 + 150 ms at least (retries add more)
    assert.ok(r.trainCostSimMs! >= 500 * r.presentationsPerSample - 1e-9 && r.trainCostSimMs! <= 500 * r.presentationsPerSample + 1e-9);
    assert.ok(r.testCostExcSpikes! >= r.testSpikesPerSample, "the cost counts every presentation's spikes");
    // the decision at the presentation's end reads the counts the accuracy reads
    assert.equal(r.accuracyAt350Ms, r.accuracy);
    assert.ok(r.synOpsAt350Ms! <= r.testCostSynOps! + 1e-9 && r.synOpsAt350Ms! > 0.5 * r.testCostSynOps!, "the cost less the last rest period's spikes");
    for (let q = 1; q < DECISION_MS.length; q++) {
      assert.ok(r[`synOpsAt${DECISION_MS[q]}Ms`]! >= r[`synOpsAt${DECISION_MS[q - 1]}Ms`]!, "cost grows with decision time");
    }
  }
  for (const f of Object.keys(records[0])) assert.ok(RECORD_COLUMNS.includes(f as never), `${f} is a CSV column`);
});
