import assert from "node:assert/strict";
import { test } from "node:test";
import { classCounts, splitFashion } from "../../src/data/fashion";

/** 10 classes of `n` distinct images (pixel 0 and 1 say class and index), then the duplicates and an empty entry. */
function synthetic(n: number): number[][][] {
  const classes = Array.from({ length: 10 }, (_, c) => Array.from({ length: n }, (_, i) => Array.from({ length: 784 }, (_, p) => (p === 0 ? c : p === 1 ? i : (c * 7 + i * 3 + p) % 256))));
  classes[2].push([...classes[2][5]]); // a copy within a class
  classes[6].push([...classes[0][3]]); // a copy across classes
  classes[0].push([]); // an empty entry
  return classes;
}
const key = (images: Uint8Array, k: number) => images.subarray(k * 784, (k + 1) * 784).join(",");

test("the Fashion-MNIST split: stratified, seeded, duplicates and empty entries handled, no image on both sides", () => {
  const { train, test: held, report } = splitFashion(synthetic(30), 7, 10);
  assert.deepEqual(report, { entries: [31, 30, 31, 30, 30, 30, 31, 30, 30, 30], empty: 1, duplicatePairs: 2, crossClassDuplicates: 1 });
  assert.deepEqual(classCounts(held.labels), new Array(10).fill(10));
  assert.deepEqual(classCounts(train.labels), [20, 20, 21, 20, 20, 20, 21, 20, 20, 20]);
  const trainKeys = new Set(Array.from({ length: train.count }, (_, k) => key(train.images, k)));
  for (let k = 0; k < held.count; k++) assert.ok(!trainKeys.has(key(held.images, k)), "no test image is also a training image");
  let relabelled = 0;
  for (let k = 0; k < train.count; k++) if (train.images[k * 784] !== train.labels[k]) relabelled++;
  assert.equal(relabelled, 1, "labels travel with their images (but the copy of class 0's image filed under class 6)");
  assert.ok(train.labels.slice(0, 20).some((c) => c !== train.labels[0]), "the training order mixes the classes");
  const again = splitFashion(synthetic(30), 7, 10);
  assert.deepEqual(again.train.labels, train.labels, "the same seed, the same split");
  assert.notDeepEqual(splitFashion(synthetic(30), 8, 10).test.images, held.images, "another seed, another split");
  const bad = synthetic(30);
  bad[4][2][100] = 256;
  assert.throws(() => splitFashion(bad, 7, 10), /class 4 image 2 pixel 100 is 256, not a byte/);
  assert.throws(() => splitFashion(synthetic(30).slice(0, 9)), /expected 10 classes/);
  assert.throws(() => splitFashion(synthetic(30), 7, 30), /class 0 has 29 images without a copy/);
});

test("the named data set fashion-mnist: read from SNN_FASHION_DIR or data/fashion-mnist, refused unless its content is the published split's", () => {
  const { mkdtempSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { join } = require("node:path") as typeof import("node:path");
  const { encodeIdx } = require("../../src/data/idx") as typeof import("../../src/data/idx");
  const { datasetSizes, fashionFolder, parseDataset } = require("../../src/data/datasets") as typeof import("../../src/data/datasets");
  const before = process.env.SNN_FASHION_DIR;
  try {
    delete process.env.SNN_FASHION_DIR;
    assert.match(fashionFolder(), /data[\\/]fashion-mnist$/);
    assert.equal(parseDataset("fashion-mnist"), "fashion-mnist", "a named data set, not a path");
    const dir = mkdtempSync(join(tmpdir(), "snn-fashion-"));
    process.env.SNN_FASHION_DIR = join(dir, "absent");
    assert.throws(() => datasetSizes("fashion-mnist"), /dataset fashion-mnist: .*absent.*; write it with `npm run data:fashion`/);
    const images = new Uint8Array(3 * 784).fill(9);
    writeFileSync(join(dir, "train-images-idx3-ubyte"), encodeIdx([3, 28, 28], images));
    writeFileSync(join(dir, "train-labels-idx1-ubyte"), encodeIdx([3], new Uint8Array([0, 1, 2])));
    writeFileSync(join(dir, "t10k-images-idx3-ubyte"), encodeIdx([3, 28, 28], images));
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), encodeIdx([3], new Uint8Array([0, 1, 2])));
    process.env.SNN_FASHION_DIR = dir;
    assert.throws(() => datasetSizes("fashion-mnist"), /the files in .* hash to [0-9a-f]{16}, not 4b63c443329c2015 .*or train on them as --dataset idx:/);
    assert.deepEqual(datasetSizes(`idx:${dir}`), { train: 3, test: 3 }, "the same files as a user's folder are fine");
  } finally {
    if (before === undefined) delete process.env.SNN_FASHION_DIR; else process.env.SNN_FASHION_DIR = before;
  }
});
