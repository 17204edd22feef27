import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { planRuns, RunOrder, runSweep } from "../../src/experiment/pool";
import { resultOnly, StoredRecord } from "../../src/experiment/records";
import { SweepSpec, sweepRuns, sweepSpec } from "../../src/experiment/sweep";

const spec: SweepSpec = { neurons: [20, 30], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [150, 300], testSamples: 150, labelSamples: 300 };
const canonical = (records: StoredRecord[]) => records.map(resultOnly).sort((a, b) => String(a.cellId).localeCompare(String(b.cellId)));
const lines = (dir: string) => readFileSync(join(dir, "records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as StoredRecord);

let reference: ReturnType<typeof canonical> | undefined;
async function referenceRecords() {
  if (!reference) reference = canonical((await runSweep(spec, { out: mkdtempSync(join(tmpdir(), "sweep-ref-")), workers: 1 })).store.records());
  return reference;
}

test("1 and 2 workers give identical records; a second sweep computes nothing", async () => {
  const one = await referenceRecords();
  assert.equal(one.length, 8);
  const dir = mkdtempSync(join(tmpdir(), "sweep-two-"));
  const two = await runSweep(spec, { out: dir, workers: 2 });
  assert.deepEqual(canonical(two.store.records()), one);
  const presets = JSON.parse(readFileSync(join(dir, "presets.json"), "utf8"));
  assert.equal(presets[two.store.records()[0].presetHash].dtMs, 0.5); // the store names every parameter
  let computed = 0;
  const again = await runSweep(spec, { out: dir, workers: 2, onEvent: (e) => { if (e.type === "record") computed++; } });
  assert.equal(computed, 0);
  assert.equal(again.store.size, 8);
});

test("a sweep killed with SIGKILL mid-run resumes without losing or repeating a record", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sweep-kill-"));
  const args = [join(__dirname, "..", "..", "bin", "snn.js"), "sweep", "--neurons", "20,30", "--seed-list", "1,2", "--train", "150,300",
    "--test", "150", "--labels", "300", "--workers", "1", "--out", dir];
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  // Kill as soon as some but not all records are stored.
  for (let waited = 0; waited < 60000; waited += 20) {
    const n = existsSync(join(dir, "records.jsonl")) ? lines(dir).length : 0;
    if (n >= 2) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  await exited;
  const before = lines(dir).length;
  assert.ok(before >= 2 && before < 8, `killed with ${before} records stored`);
  const resumed = spawn(process.execPath, args, { stdio: "ignore" });
  const code = await new Promise((resolve) => resumed.on("exit", resolve));
  assert.equal(code, 0);
  const stored = lines(dir);
  assert.equal(new Set(stored.map((r) => r.cellId)).size, stored.length, "no cell stored twice");
  assert.deepEqual(canonical(stored), await referenceRecords());
});

test("validation sweeps on worker threads evaluate on the held-out training digits (same records as in-process)", async () => {
  const { runExperiment } = await import("../../src/experiment/run");
  const { sweepRuns } = await import("../../src/experiment/sweep");
  const { toStoredRecord } = await import("../../src/experiment/records");
  const v: SweepSpec = { neurons: [20], seeds: [1], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [300], testSamples: 200, validation: true };
  const threaded = (await runSweep(v, { out: mkdtempSync(join(tmpdir(), "sweep-val-")), workers: 1 })).store.records();
  const [config] = sweepRuns(v);
  const inProcess = runExperiment(config).map((r) => toStoredRecord(config, r));
  assert.deepEqual(canonical(threaded), canonical(inProcess));
  assert.equal(threaded[0].evaluatedOn, "validation");
});

test("sweepSpec: literal fields type-check, the rest defaulted from the dataset", () => {
  assert.deepEqual(sweepSpec({ neurons: [100] }), {
    neurons: [100], seeds: [1, 2, 3], preset: "diehl-cook-2015", dataset: "mnist-10k", testSamples: 2000, trainAmounts: [1000, 2000, 5000, 8000],
  });
  const full = sweepSpec({ neurons: [400], dataset: "mnist-full", validation: true, seeds: [4] });
  assert.deepEqual([full.testSamples, full.trainAmounts, full.seeds], [10000, [1000, 2000, 5000, 10000, 20000, 40000, 50000], [4]]);
  assert.equal(sweepRuns(full).length, 1);
});

test("planRuns: a plan's sweeps in turn, or its most expensive runs first", () => {
  const small: SweepSpec = { ...spec, neurons: [20], seeds: [1] };
  const big: SweepSpec = { ...spec, neurons: [30, 40], seeds: [1] };
  const sizes = (order?: RunOrder) => planRuns([small, big], order).map((c) => c.neurons);
  assert.deepEqual(sizes(), [20, 40, 30]); // each sweep's runs most expensive first
  assert.deepEqual(sizes("longest-first"), [40, 30, 20]);
});
