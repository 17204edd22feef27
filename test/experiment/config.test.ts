import assert from "node:assert/strict";
import { test } from "node:test";
import { meanSd, summarizeAccuracy } from "../../src/analysis/summary";
import { snapshotSchedule, validateRunConfig } from "../../src/experiment/config";
import { labelSamplesAt } from "../../src/experiment/run";
import { sweepRuns } from "../../src/experiment/sweep";

test("snapshot schedule: requested amounts within the run, each pass's end, sorted, no duplicates", () => {
  assert.deepEqual(snapshotSchedule([100, 250, 500, 1000, 2000, 5000, 10000], 8000, 1), [100, 250, 500, 1000, 2000, 5000, 8000]);
  assert.deepEqual(snapshotSchedule([1000, 60000, 90000, 500000], 60000, 3), [1000, 60000, 90000, 120000, 180000]);
  assert.deepEqual(snapshotSchedule([0, -5, 300], 300, 1), [300]);
});

test("label digits: all training digits at the end, at most the digits seen (and the cap) before", () => {
  const c = { neurons: 10, preset: "diehl-cook-2015", dataset: "mnist-full" as const, trainSamples: 60000, epochs: 3, testSamples: 10000, seed: 1, labelSamples: 10000, snapshots: [] };
  assert.equal(labelSamplesAt(c, 1000), 1000);
  assert.equal(labelSamplesAt(c, 40000), 10000);
  assert.equal(labelSamplesAt(c, 120000), 10000);
  assert.equal(labelSamplesAt(c, 180000), 60000);
});

test("sweep runs: one run per (neurons, seed), largest networks first, amounts as snapshots", () => {
  const runs = sweepRuns({ neurons: [100, 400], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [1000, 4000, 8000], testSamples: 2000 });
  assert.deepEqual(runs.map((r) => [r.neurons, r.seed]), [[400, 1], [400, 2], [100, 1], [100, 2]]);
  assert.deepEqual(runs[0].snapshots, [1000, 4000, 8000]);
  assert.equal(runs[0].trainSamples, 8000);
  const paper = sweepRuns({ neurons: [400], seeds: [1], preset: "diehl-cook-2015", dataset: "mnist-full", trainAmounts: [1000, 60000], epochs: 3, testSamples: 10000 });
  assert.equal(paper[0].trainSamples, 60000);
  assert.deepEqual(paper[0].snapshots, [1000, 60000, 120000, 180000]);
  assert.throws(() => sweepRuns({ neurons: [10], seeds: [1], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [9000], testSamples: 10 }), /9000 training digits requested, dataset "mnist" has 8000/);
  assert.throws(() => validateRunConfig({ ...runs[0], neurons: 0 }), /neurons must be an integer >= 1, got 0/);
});

test("summary statistics against hand-computed values", () => {
  const { mean, sd, n } = meanSd([80, 82, 84, 86]);
  assert.equal(mean, 83);
  assert.ok(Math.abs(sd - Math.sqrt(20 / 3)) < 1e-12); // deviations 9 + 1 + 1 + 9 = 20, over n - 1 = 3
  assert.equal(n, 4);
  assert.deepEqual(meanSd([5]), { mean: 5, sd: 0, n: 1 });
  const base = { preset: "p", dataset: "mnist", epochsDone: 1, accuracyProportion: 50 };
  const rows = summarizeAccuracy([
    { ...base, neurons: 100, trainedSamples: 1000, seed: 2, accuracy: 70 },
    { ...base, neurons: 100, trainedSamples: 1000, seed: 1, accuracy: 74 },
    { ...base, neurons: 100, trainedSamples: 500, seed: 1, accuracy: 60 },
  ]);
  assert.deepEqual(rows.map((r) => [r.trainedSamples, r.n, r.accuracyMean, r.seeds]), [[500, 1, 60, "1"], [1000, 2, 72, "1 2"]]);
  assert.ok(Math.abs(rows[1].accuracySd - Math.sqrt(8)) < 1e-12);
});

test("validation runs hold out the last training digits for evaluation and never touch the test digits", async () => {
  const { loadRunData } = await import("../../src/experiment/run");
  const { loadMnist } = await import("../../src/data/mnist");
  const { runId } = await import("../../src/experiment/records");
  const c = { neurons: 10, preset: "diehl-cook-2015", dataset: "mnist" as const, trainSamples: 7000, epochs: 1, testSamples: 1000, seed: 1, labelSamples: 7000, snapshots: [7000], validation: true };
  const data = loadRunData(c);
  const all = loadMnist().train;
  assert.equal(data.train.count, 7000);
  assert.equal(data.test.count, 1000);
  assert.deepEqual(data.test.images, all.images.subarray(7000 * 784));
  assert.deepEqual(data.train.images, all.images.subarray(0, 7000 * 784));
  assert.notEqual(runId(c), runId({ ...c, validation: undefined }));
  assert.throws(() => validateRunConfig({ ...c, trainSamples: 7001 }), /7001 training digits requested, dataset "mnist" has 7000 once 1000 are held out/);
});

test("a run killed between snapshots resumes from its last periodic checkpoint with identical records", async () => {
  const { runExperiment } = await import("../../src/experiment/run");
  const { fileCheckpointer } = await import("../../src/experiment/checkpoint");
  const { mkdtempSync, existsSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const c = { neurons: 15, preset: "diehl-cook-2015", dataset: "mnist" as const, trainSamples: 250, epochs: 1, testSamples: 100, seed: 3, labelSamples: 250, snapshots: [250] };
  const reference = runExperiment(c);
  const dir = mkdtempSync(join(tmpdir(), "ckpt-"));
  const checkpoint = fileCheckpointer(dir, "r");
  let saved = 0;
  const counting = { ...checkpoint, save: (...a: Parameters<typeof checkpoint.save>) => { saved++; checkpoint.save(...a); if (saved === 2) throw new Error("killed"); } };
  assert.throws(() => runExperiment(c, { checkpoint: counting, checkpointEvery: 100 }), /killed/);
  assert.ok(existsSync(join(dir, "checkpoints", "r.snn")));
  assert.equal(checkpoint.load()!.totals.digits, 200);
  const resumed = runExperiment(c, { checkpoint, checkpointEvery: 100 });
  const strip = (r: typeof reference[0]) => ({ ...r, trainSeconds: 0, trainSamplesPerSec: 0, evalSeconds: 0, evalSamplesPerSec: 0, trainCostWallUs: 0, testCostWallUs: 0 });
  assert.deepEqual(resumed.map(strip), reference.map(strip));
  assert.ok(!existsSync(join(dir, "checkpoints", "r.snn"))); // removed when the run completes
  // a checkpoint damaged after it was written is set aside and reported: the run starts again, same records
  assert.throws(() => runExperiment(c, { checkpoint: { ...counting, save: (...a: Parameters<typeof checkpoint.save>) => { checkpoint.save(...a); throw new Error("killed"); } }, checkpointEvery: 100 }), /killed/);
  const { readFileSync, writeFileSync } = await import("node:fs");
  const path = join(dir, "checkpoints", "r.snn");
  const bytes = readFileSync(path);
  bytes[bytes.length - 5000] ^= 0x40;
  writeFileSync(path, bytes);
  const reports: string[] = [];
  const again = runExperiment(c, { checkpoint: fileCheckpointer(dir, "r", { onCorrupt: (m) => reports.push(m) }), checkpointEvery: 100 });
  assert.deepEqual(again.map(strip), reference.map(strip));
  assert.match(reports.join(""), /checksum mismatch/);
});

test("shuffled order: a seeded permutation of the training pool; held-out digits, test digits and old ids unchanged", async () => {
  const { loadRunData } = await import("../../src/experiment/run");
  const { loadMnist } = await import("../../src/data/mnist");
  const { runId } = await import("../../src/experiment/records");
  const base = { neurons: 10, preset: "diehl-cook-2015", dataset: "mnist" as const, trainSamples: 7000, epochs: 1, testSamples: 1000, seed: 1, labelSamples: 7000, snapshots: [7000] };
  const all = loadMnist().train;
  const digit = (images: Uint8Array, k: number) => Buffer.from(images.subarray(k * 784, (k + 1) * 784)).toString("hex");
  const pool = new Set(Array.from({ length: 7000 }, (_, k) => digit(all.images, k)));
  const v = loadRunData({ ...base, validation: true, shuffleSeed: 5 });
  assert.deepEqual(v.test.images, all.images.subarray(7000 * 784)); // the held-out digits stay the last 1,000
  let moved = 0;
  for (let k = 0; k < 7000; k++) {
    assert.ok(pool.has(digit(v.train.images, k)), `digit ${k} comes from the training pool`);
    if (digit(v.train.images, k) !== digit(all.images, k)) moved++;
  }
  assert.ok(moved > 6900, `a permutation moves nearly every digit (moved ${moved})`);
  const again = loadRunData({ ...base, validation: true, shuffleSeed: 5 });
  assert.deepEqual(again.train.images, v.train.images); // seeded: the same order every time
  assert.deepEqual(again.train.labels, v.train.labels);
  const t = loadRunData({ ...base, trainSamples: 8000, testSamples: 2000, shuffleSeed: 5 });
  assert.deepEqual(t.test.images, loadMnist().test.images); // test digits untouched
  const plain = { ...base, validation: true };
  assert.equal(runId(plain), runId({ ...plain, shuffleSeed: undefined })); // runs without the option keep their ids
  assert.notEqual(runId(plain), runId({ ...plain, shuffleSeed: 5 }));
  assert.notEqual(runId({ ...plain, shuffleSeed: 5 }), runId({ ...plain, shuffleSeed: 6 }));
  assert.throws(() => validateRunConfig({ ...plain, shuffleSeed: -1 }), /shuffleSeed must be an integer in \[0, 2\^32\), got -1/);
  const r = { preset: "p", dataset: "mnist", epochsDone: 1, accuracyProportion: 50, neurons: 100, trainedSamples: 1000, seed: 1 };
  const rows = summarizeAccuracy([{ ...r, accuracy: 70 }, { ...r, accuracy: 80, shuffleSeed: 5 }]);
  assert.deepEqual(rows.map((x) => [x.trainOrder, x.accuracyMean]), [["dataset", 70], ["shuffled 5", 80]]);
});

test("longestRunsOnly: per size, only the records of its longest runs", async () => {
  const { longestRunsOnly } = await import("../../src/analysis/summary");
  const r = { preset: "p", dataset: "mnist-full", epochsDone: 1, accuracyProportion: 50, accuracy: 80, seed: 1, trainSamples: 60000 };
  const records = [
    { ...r, neurons: 100, epochs: 1, trainedSamples: 60000 },
    { ...r, neurons: 100, epochs: 3, trainedSamples: 60000 },
    { ...r, neurons: 100, epochs: 3, trainedSamples: 180000 },
    { ...r, neurons: 400, epochs: 1, trainedSamples: 60000 },
  ];
  assert.deepEqual(longestRunsOnly(records).map((x) => [x.neurons, x.epochs, x.trainedSamples]), [[100, 3, 60000], [100, 3, 180000], [400, 1, 60000]]);
});
