import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { encodeIdx, parseIdx, readIdxFile } from "../../src/data/idx";
import { loadIdxDigits } from "../../src/data/mnist";

const dir = mkdtempSync(join(tmpdir(), "idx-test-"));
function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const images = (n: number) => encodeIdx([n, 28, 28], Uint8Array.from({ length: n * 784 }, (_, k) => k % 256));
const labels = (values: number[]) => encodeIdx([values.length], Uint8Array.from(values));

test("parseIdx reads dimensions and data of a well-formed file", () => {
  const parsed = parseIdx(encodeIdx([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6)), "x");
  assert.deepEqual(parsed.dims, [2, 3]);
  assert.deepEqual(Array.from(parsed.data), [1, 2, 3, 4, 5, 6]);
});

test("readIdxFile reads gzip-compressed files", () => {
  const path = write("small.gz", gzipSync(encodeIdx([3], Uint8Array.of(7, 8, 9))));
  assert.deepEqual(Array.from(readIdxFile(path).data), [7, 8, 9]);
});

test("wrong magic number is an error naming the file", () => {
  const bytes = encodeIdx([3], Uint8Array.of(1, 2, 3));
  bytes[0] = 0x12;
  assert.throws(() => parseIdx(bytes, "bad.idx"), /bad\.idx: wrong magic number 0x12000801/);
});

test("unsupported element type is an error", () => {
  const bytes = encodeIdx([3], Uint8Array.of(1, 2, 3));
  bytes[2] = 0x0d;
  assert.throws(() => parseIdx(bytes, "f.idx"), /element type 0xd is not supported/);
});

test("truncated header and truncated data are errors with the sizes", () => {
  assert.throws(() => parseIdx(Uint8Array.of(0, 0, 8), "h.idx"), /h\.idx: truncated IDX file: 3 bytes/);
  assert.throws(() => parseIdx(Uint8Array.of(0, 0, 8, 2, 0, 0), "d.idx"), /header of 2 dimensions needs 12/);
  const full = encodeIdx([4], Uint8Array.of(1, 2, 3, 4));
  assert.throws(() => parseIdx(full.subarray(0, full.length - 1), "t.idx"), /t\.idx: truncated IDX file: dimensions \[4\] need 12 bytes, the file has 11/);
});

test("trailing bytes are an error", () => {
  const bytes = new Uint8Array([...encodeIdx([2], Uint8Array.of(1, 2)), 9]);
  assert.throws(() => parseIdx(bytes, "x.idx"), /1 unexpected bytes/);
});

test("loadIdxDigits pairs images and labels", () => {
  const digits = loadIdxDigits(write("i1", images(3)), write("l1", labels([0, 9, 4])));
  assert.equal(digits.count, 3);
  assert.deepEqual(Array.from(digits.labels), [0, 9, 4]);
  assert.equal(digits.images.length, 3 * 784);
  assert.equal(digits.images[785], 785 % 256);
});

test("loadIdxDigits rejects wrong dimensions, count mismatch and labels outside 0..9", () => {
  const wrongDims = write("i2", encodeIdx([2, 27, 28], new Uint8Array(2 * 27 * 28)));
  assert.throws(() => loadIdxDigits(wrongDims, write("l2", labels([1, 2]))), /images must have dimensions \[count, 28, 28\], got \[2, 27, 28\]/);
  assert.throws(() => loadIdxDigits(write("i3", images(3)), write("l3", labels([1, 2]))), /holds 3 images but .* holds 2 labels/);
  assert.throws(() => loadIdxDigits(write("i4", images(2)), write("l4", labels([1, 10]))), /label 10 of sample 1 is outside 0\.\.9/);
  assert.throws(() => loadIdxDigits(join(dir, "missing"), write("l5", labels([1]))), /cannot read .*missing/);
});

test("a labels file where images are expected (or the reverse) is reported as a wrong magic number, not as trailing bytes", () => {
  const labels = encodeIdx([3], Uint8Array.of(1, 2, 3));
  assert.throws(() => parseIdx(labels, "train-images-idx3-ubyte", 3), /train-images-idx3-ubyte: wrong magic number 0x00000801 \(1 dimensions\): this file must start with 0x00000803 \(images: count, rows, columns\); images and labels swapped\?/);
  const images = encodeIdx([1, 28, 28], new Uint8Array(784));
  assert.throws(() => parseIdx(images, "train-labels-idx1-ubyte", 1), /wrong magic number 0x00000803 \(3 dimensions\): this file must start with 0x00000801 \(labels: count\)/);
  assert.deepEqual(parseIdx(labels, "labels", 1).dims, [3]);
});
