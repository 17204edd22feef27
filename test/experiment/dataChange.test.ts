import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeIdx } from "../../src/data/idx";
import { readIdxFolder } from "../../src/data/idxFolder";
import { loadMnist } from "../../src/data/mnist";
import { runSweep } from "../../src/experiment/pool";
import { sweepSpec } from "../../src/experiment/sweep";

const embedded = loadMnist({ train: 240, test: 40 });

/** Write the four MNIST-named files of a folder from the embedded digits, labels shifted by `shift` (another data set). */
function writeFolder(dir: string, shift: number): void {
  const shifted = (labels: Uint8Array) => labels.map((l) => (l + shift) % 10);
  writeFileSync(join(dir, "train-images-idx3-ubyte"), encodeIdx([240, 28, 28], embedded.train.images));
  writeFileSync(join(dir, "train-labels-idx1-ubyte"), encodeIdx([240], shifted(embedded.train.labels)));
  writeFileSync(join(dir, "t10k-images-idx3-ubyte"), encodeIdx([40, 28, 28], embedded.test.images));
  writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), encodeIdx([40], shifted(embedded.test.labels)));
}

test("a user's IDX folder rewritten during a sweep stops it with the reason, and no record carries data it was not computed on", async () => {
  const dir = mkdtempSync(join(tmpdir(), "snn-idx-change-"));
  writeFolder(dir, 0);
  const first = readIdxFolder(dir).hash();
  const out = join(mkdtempSync(join(tmpdir(), "snn-idx-store-")), "store");
  let rewritten = false;
  const spec = sweepSpec({ neurons: [6], seeds: [1, 2, 3, 4], dataset: `idx:${dir}`, trainAmounts: [60], testSamples: 20, labelSamples: 60 });
  const outcome = await runSweep(spec, {
    out, workers: 1, evaluateBeside: false,
    onEvent: (e) => {
      if (e.type === "record" && !rewritten) {
        writeFolder(dir, 3); // the user replaces the data while the sweep runs
        rewritten = true;
      }
    },
  });
  assert.ok(rewritten, "the test needs a record before the change");
  assert.equal(outcome.errors.length, 1, JSON.stringify(outcome.errors.map((e) => e.message)));
  assert.match(outcome.errors[0].message, /the files of data set idx:.* changed during the sweep \(it started with content hash [0-9a-f]{16}, a run read [0-9a-f]{16}\): stopped/);
  const records = outcome.store.records();
  assert.ok(records.length >= 1 && records.length < 4, `${records.length} records`);
  for (const r of records) assert.equal(r.dataHash, first, "every stored record is of the first files");
  assert.notEqual(readIdxFolder(dir).hash(), first);
});
