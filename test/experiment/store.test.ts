import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RECORD_COLUMNS, StoredRecord } from "../../src/experiment/records";
import { ResultsStore } from "../../src/experiment/store";

const record = (cellId: string, accuracy: number) => ({ cellId, runId: "r", preset: "diehl-cook-2015", neurons: 10, accuracy, note: "a,b" } as unknown as StoredRecord);

test("appends are durable, idempotent per cell, and mirrored in the CSV", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  const store = ResultsStore.open(dir);
  assert.equal(store.append(record("a", 50)), true);
  assert.equal(store.append(record("a", 51)), false);
  assert.equal(store.append(record("b", 60)), true);
  const reopened = ResultsStore.open(dir);
  assert.deepEqual(reopened.records().map((r) => [r.cellId, r.accuracy]), [["a", 50], ["b", 60]]);
  const csv = readFileSync(join(dir, "records.csv"), "utf8").trim().split("\n");
  assert.equal(csv[0], RECORD_COLUMNS.join(","));
  assert.equal(csv.length, 3);
  assert.equal(csv[2].split(",")[RECORD_COLUMNS.indexOf("accuracy")], "60");
});

test("a truncated last line (a crash mid-write) is dropped and reported; later appends are clean", () => {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  ResultsStore.open(dir).append(record("a", 50));
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
  writeFileSync(join(dir, "records.jsonl"), '{"cellId":"a"}\nnot json\n{"cellId":"b"}\n');
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
