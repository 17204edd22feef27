/** A set of labelled 28 x 28 digits as plain typed arrays. */
export interface Digits {
  /** Pixels 0..255, row-major, `count x 784` (sample k occupies [k*784, (k+1)*784)). */
  images: Uint8Array;
  /** Class of each sample, 0..9. */
  labels: Uint8Array;
  /** Number of samples. */
  count: number;
}

export const IMAGE_ROWS = 28;
export const IMAGE_COLS = 28;
export const PIXELS = IMAGE_ROWS * IMAGE_COLS;
export const CLASSES = 10;

/** Pixels of sample `k` (a view, no copy). */
export function digitPixels(digits: Digits, k: number): Uint8Array {
  if (!(k >= 0 && k < digits.count) || !Number.isInteger(k)) {
    throw new RangeError(`digitPixels: sample index must be an integer in [0, ${digits.count}), got ${k}`);
  }
  return digits.images.subarray(k * PIXELS, (k + 1) * PIXELS);
}

/** A new Digits holding the samples at `indices`, in that order (copies the pixels). */
export function selectDigits(digits: Digits, indices: ArrayLike<number>): Digits {
  const images = new Uint8Array(indices.length * PIXELS);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k];
    images.set(digits.images.subarray(src * PIXELS, (src + 1) * PIXELS), k * PIXELS);
    labels[k] = digits.labels[src];
  }
  return { images, labels, count: indices.length };
}

/** Number of samples of each class (length 10). */
export function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(CLASSES).fill(0);
  for (let k = 0; k < labels.length; k++) counts[labels[k]]++;
  return counts;
}
