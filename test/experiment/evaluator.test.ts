import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileCheckpointer } from "../../src/experiment/checkpoint";
import { RunConfig } from "../../src/experiment/config";
import { createCoreBudget } from "../../src/experiment/coreBudget";
import { threadEvaluator } from "../../src/experiment/evaluator";
import { RunRecord, runExperiment } from "../../src/experiment/run";

const c: RunConfig = {
  neurons: 20, preset: "diehl-cook-2015", dataset: "mnist", trainSamples: 400, epochs: 1, testSamples: 150, seed: 5,
  labelSamples: 200, snapshots: [100, 200, 300, 400],
};
/** A record without its wall-clock fields (the only ones that may differ between two runs of the same work). */
const strip = (r: RunRecord) => ({ ...r, trainSeconds: 0, trainSamplesPerSec: 0, evalSeconds: 0, evalSamplesPerSec: 0, trainCostWallUs: 0, testCostWallUs: 0 });

test("snapshots evaluated beside training give the records of a run that evaluates them itself", async () => {
  const reference = runExperiment(c);
  const evaluator = threadEvaluator();
  const seen: number[] = [];
  try {
    const beside = runExperiment(c, { evaluator, onRecord: (r) => seen.push(r.trainedSamples) });
    assert.deepEqual(beside.map(strip), reference.map(strip));
    assert.deepEqual([...seen].sort((a, b) => a - b), c.snapshots);
    assert.equal(evaluator.pending, 0);
    // the thread is kept for the next run (a sweep worker's later runs)
    const again = runExperiment({ ...c, seed: 6, snapshots: [200, 400] }, { evaluator });
    assert.deepEqual(again.map(strip), runExperiment({ ...c, seed: 6, snapshots: [200, 400] }).map(strip));
  } finally {
    await evaluator.close();
  }
});

test("a core budget: the evaluation thread works only on a free core and gives it back when idle", async () => {
  assert.throws(() => createCoreBudget(0, 1), /cores must be an integer >= 1, got 0/);
  const reference = runExperiment(c);
  const none = createCoreBudget(1, 1);
  assert.ok(none.tryAcquire()); // the run's own core: none left for evaluations
  const refused = threadEvaluator({ budget: none });
  assert.equal(refused.submit({ config: c, amount: 100, labelSamples: 100, state: {} as never }), false);
  const records = runExperiment(c, { evaluator: refused });
  assert.deepEqual(records.map(strip), reference.map(strip));
  assert.equal(none.free(), 0);
  await refused.close();

  const two = createCoreBudget(2, 1);
  assert.ok(two.tryAcquire());
  const evaluator = threadEvaluator({ budget: two });
  let heldDuringRun = 0;
  try {
    const beside = runExperiment(c, {
      evaluator,
      onProgress: () => {
        heldDuringRun = Math.max(heldDuringRun, two.heldBy(0));
      },
    });
    assert.deepEqual(beside.map(strip), reference.map(strip));
    assert.equal(heldDuringRun, 1);
    assert.equal(two.free(), 1); // given back
    assert.equal(two.heldBy(0), 0);
  } finally {
    await evaluator.close();
  }
  // a waiting acquire resolves once a core is released
  assert.ok(two.tryAcquire());
  assert.equal(two.tryAcquire(), false);
  let got = false;
  const waiting = two.acquire().then(() => (got = true));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(got, false);
  two.release();
  await waiting;
  assert.ok(got);
  assert.equal(two.free(), 0);
});

test("a run killed while a snapshot is evaluated beside training evaluates it again on resuming, same records", async () => {
  const reference = runExperiment(c);
  const dir = mkdtempSync(join(tmpdir(), "beside-"));
  const checkpoint = fileCheckpointer(dir, "r");
  const evaluator = threadEvaluator();
  try {
    // kill the run when it saves its checkpoint at 300 digits, before any evaluation thread result was collected
    let saves = 0;
    const killing = {
      ...checkpoint,
      save: (...a: Parameters<typeof checkpoint.save>) => {
        checkpoint.save(...a);
        if (++saves === 3) throw new Error("killed");
      },
    };
    const kept: number[] = [];
    assert.throws(() => runExperiment(c, { checkpoint: killing, evaluator, onRecord: (r) => kept.push(r.trainedSamples) }), /killed/);
    const files = readdirSync(join(dir, "checkpoints"));
    assert.ok(files.includes("r.snn"));
    const pendingOnDisk = files.filter((f) => f.startsWith("r.at-")).map((f) => Number(/at-(\d+)/.exec(f)![1]));
    // every snapshot up to 300 either has its record or is kept on disk
    for (const a of [100, 200, 300]) assert.ok(kept.includes(a) || pendingOnDisk.includes(a), `snapshot ${a} lost`);
    const second = threadEvaluator();
    const resumed = runExperiment(c, { checkpoint, evaluator: second, skip: new Set(kept) });
    await second.close();
    const all = [...resumed, ...reference.filter((r) => kept.includes(r.trainedSamples))].sort((x, y) => x.trainedSamples - y.trainedSamples);
    assert.deepEqual(all.map(strip), reference.map(strip));
    assert.ok(!existsSync(join(dir, "checkpoints", "r.snn")));
    assert.deepEqual(readdirSync(join(dir, "checkpoints")).filter((f) => f.startsWith("r.at-")), []); // all removed with the run
  } finally {
    await evaluator.close();
  }
});
