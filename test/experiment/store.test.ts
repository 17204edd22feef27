import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RECORD_COLUMNS, StoredRecord } from "../../src/experiment/records";
import { ResultsStore } from "../../src/experiment/store";
import { loadRecords } from "../../src/index";
import { mergeStores } from "../../src/experiment/merge";

const record = (cellId: string, accuracy: number) => ({ cellId, runId: "r", preset: "diehl-cook-2015", neurons: 10, accuracy, note: "a,b" } as unknown as StoredRecord);

test("appends are durable, idempotent per cell, and mirrored in the CSV", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  const store = ResultsStore.open(dir);
  assert.equal(store.append(record("a", 50)), true);
  assert.equal(store.append(record("a", 51)), false);
  assert.equal(store.append(record("b", 60)), true);
  store.close();
  const reopened = ResultsStore.open(dir);
  assert.deepEqual(reopened.records().map((r) => [r.cellId, r.accuracy]), [["a", 50], ["b", 60]]);
  const csv = readFileSync(join(dir, "records.csv"), "utf8").trim().split("\n");
  assert.equal(csv[0], RECORD_COLUMNS.join(","));
  assert.equal(csv.length, 3);
  assert.equal(csv[2].split(",")[RECORD_COLUMNS.indexOf("accuracy")], "60");
});

test("a truncated last line (a crash mid-write) is dropped and reported; later appends are clean", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  const first = ResultsStore.open(dir);
  first.append(record("a", 50));
  first.close();
  appendFileSync(join(dir, "records.jsonl"), '{"cellId":"b","accur');
  const store = ResultsStore.open(dir);
  assert.equal(store.report.repairedBytes, '{"cellId":"b","accur'.length);
  assert.deepEqual(store.records().map((r) => r.cellId), ["a"]);
  store.append(record("b", 60));
  const lines = readFileSync(join(dir, "records.jsonl"), "utf8").split("\n").filter(Boolean);
  assert.deepEqual(lines.map((l) => JSON.parse(l).cellId), ["a", "b"]);
});

test("a corrupt complete line is reported with its line number, not silently dropped", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  writeFileSync(join(dir, "records.jsonl"), '{"cellId":"a","accuracy":50}\nnot json\n{"cellId":"b","accuracy":50}\n');
  assert.throws(() => ResultsStore.open(dir), /records\.jsonl: line 2 is not valid JSON/);
});

test("reading a store (while a sweep writes it) changes nothing and skips a partial last line", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  ResultsStore.open(dir).append(record("a", 50));
  appendFileSync(join(dir, "records.jsonl"), '{"cellId":"b"');
  const before = readFileSync(join(dir, "records.jsonl"), "utf8");
  const reader = ResultsStore.read(dir);
  assert.deepEqual(reader.records().map((r) => r.cellId), ["a"]);
  assert.equal(readFileSync(join(dir, "records.jsonl"), "utf8"), before);
  assert.throws(() => reader.append(record("c", 1)), /opened read-only/);
  assert.equal(ResultsStore.read(join(dir, "missing")).size, 0);
});

test("one writer at a time: a second writer is refused while the first runs; a dead writer's lock is taken over", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const first = ResultsStore.open(dir);
  first.close();
  // A lock held by a live process (this one's parent: the test runner) is respected.
  writeFileSync(join(dir, ".lock"), `${process.ppid}\n`);
  assert.throws(() => ResultsStore.open(dir), /is being written by process \d+/);
  // A lock whose process has exited is taken over.
  const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  writeFileSync(join(dir, ".lock"), gone.stdout);
  const store = ResultsStore.open(dir);
  store.append(record("x", 1));
  store.close();
  assert.equal(ResultsStore.read(dir).size, 1);
});

test("a stale lock found by several processes at once has exactly one winner (5 races of 8 processes)", () => {
  const { spawn, spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const store = join(__dirname, "..", "..", "src", "experiment", "store.ts");
  // each racer waits for a common start time, opens the store and says whether it won; a winner holds the lock until
  // every racer has answered (the test closes its stdin)
  const racer = `const { ResultsStore } = require(${JSON.stringify(store)});
    const start = Number(process.argv[1]); while (Date.now() < start) {}
    try { ResultsStore.open(process.argv[2]); console.log("won"); process.stdin.on("end", () => process.exit(0)).resume(); }
    catch (e) { console.log(/is being written by process/.test(e.message) ? "refused" : "error " + e.message); process.exit(0); }`;
  const gone = Number(spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim());
  const race = (): Promise<string[]> => new Promise((done) => {
    const dir = mkdtempSync(join(tmpdir(), "store-race-"));
    writeFileSync(join(dir, ".lock"), `${gone}\n`);
    const start = String(Date.now() + 3000);
    const answers: string[] = [];
    let closed = 0;
    const children = Array.from({ length: 8 }, () => spawn(process.execPath, ["--import", "tsx", "-e", racer, start, dir], { stdio: ["pipe", "pipe", "inherit"] }));
    for (const child of children) {
      let text = "";
      child.stdout!.on("data", (d) => {
        text += d;
        if (!text.endsWith("\n")) return;
        answers.push(text.trim());
        if (answers.length === children.length) for (const c of children) c.stdin!.end();
      });
      child.on("close", () => {
        if (++closed === children.length) done(answers.sort());
      });
    }
  });
  return (async () => {
    // (the lock as first written, remove-then-create, let 2-3 of 8 win in 3 of 5 such races)
    for (let r = 0; r < 5; r++) assert.deepEqual(await race(), [...Array(7).fill("refused"), "won"], `race ${r + 1}`);
  })();
});

test("a store cannot be opened twice for writing in one process; a failed open releases the lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  const first = ResultsStore.open(dir);
  assert.throws(() => ResultsStore.open(dir), /already being written by this process/);
  first.close();
  writeFileSync(join(dir, "records.jsonl"), "{not json}\n");
  assert.throws(() => ResultsStore.open(dir), /line 1 is not valid JSON/);
  writeFileSync(join(dir, "records.jsonl"), "");
  ResultsStore.open(dir).close();
});

test("the embedded set's old name: same run identity as mnist-10k, old records read as mnist-10k, new ones written so", () => {
  const { runId, toStoredRecord } = require("../../src/experiment/records") as typeof import("../../src/experiment/records");
  const c = { neurons: 10, seed: 1, preset: "diehl-cook-2015", trainSamples: 100, epochs: 1, testSamples: 50, labelSamples: 100, snapshots: [100] };
  assert.equal(runId({ ...c, dataset: "mnist" }), runId({ ...c, dataset: "mnist-10k" }));
  assert.notEqual(runId({ ...c, dataset: "mnist-full" }), runId({ ...c, dataset: "mnist-10k" }));
  const dir = mkdtempSync(join(tmpdir(), "store-legacy-"));
  const old = { ...toStoredRecord({ ...c, dataset: "mnist" }, { trainedSamples: 100, accuracy: 50, accuracyProportion: 50 } as never), dataset: "mnist" };
  writeFileSync(join(dir, "records.jsonl"), JSON.stringify(old) + "\n");
  const store = ResultsStore.read(dir);
  assert.equal(store.records()[0].dataset, "mnist-10k");
  assert.ok(store.has(old.cellId)); // a sweep over "mnist-10k" finds the old cell and does not run it again
  assert.equal(toStoredRecord({ ...c, dataset: "mnist" }, { trainedSamples: 100, accuracy: 50, accuracyProportion: 50 } as never).dataset, "mnist-10k");
});

test("merging stores appends the cells the target lacks, keeps its own, and reports conflicting accuracies", () => {
  const [a, b, c] = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "store-")));
  const fill = (dir: string, records: StoredRecord[]) => {
    const s = ResultsStore.open(dir);
    for (const r of records) s.append(r);
    s.close();
  };
  fill(a, [record("x", 50)]);
  fill(b, [record("x", 50), record("y", 60)]);
  fill(c, [record("x", 51), record("z", 70)]);
  const target = ResultsStore.open(a);
  const report = mergeStores(target, [b, c]);
  assert.equal(report.added, 2);
  assert.equal(report.alreadyStored, 1);
  assert.deepEqual(report.conflicts, [`x: 50% kept vs 51% (${c})`]);
  assert.throws(() => mergeStores(target, [a]), /into itself/);
  assert.throws(() => mergeStores(target, [join(a, "nothing")]), /no results store/);
  target.close();
  assert.deepEqual(ResultsStore.read(a).records().map((r) => [r.cellId, r.accuracy]), [["x", 50], ["y", 60], ["z", 70]]);
  assert.equal(ResultsStore.read(b).size, 2, "sources unchanged");
});

test("loadRecords (the main entry, no danfojs) refuses a folder without a store instead of returning nothing", () => {
  const empty = mkdtempSync(join(tmpdir(), "snn-nostore-"));
  assert.throws(() => loadRecords(join(empty, "mistyped")), /loadRecords: .*mistyped holds no results store \(no records\.jsonl\): check the folder's name/);
  assert.ok(loadRecords(join(__dirname, "..", "..", "data", "results", "paper")).length > 0);
});
