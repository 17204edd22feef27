/** Images of digits and of receptive fields, as grayscale grids (see png.ts). Data in, pixels out. */
import { Digits, IMAGE_COLS, IMAGE_ROWS, PIXELS } from "../data/digits";
import { tileImages } from "./png";

/** The first `count` digits (ink white on black) in a grid of `columns`, each pixel enlarged `zoom` times. */
export function digitGrid(digits: Digits, count: number, columns = 10, zoom = 2) {
  if (!(count >= 1 && count <= digits.count)) throw new RangeError(`digitGrid: count must be in [1, ${digits.count}], got ${count}`);
  return tileImages(digits.images.subarray(0, count * PIXELS), count, IMAGE_ROWS, IMAGE_COLS, columns, zoom);
}

/**
 * Receptive fields: each excitatory neuron's 784 input weights as a 28 x 28 image, neurons in a grid.
 * @param weights input weights, 784 x neurons row-major (Network.exportState().arrays.weights)
 * Each field is scaled to its own maximum (white = strongest weight).
 */
export function receptiveFieldGrid(weights: Float32Array, neurons: number, count = neurons, columns = Math.ceil(Math.sqrt(count)), zoom = 2) {
  if (weights.length !== PIXELS * neurons) throw new RangeError(`receptiveFieldGrid: weights must hold 784 x ${neurons} values, got ${weights.length}`);
  const fields = new Float32Array(count * PIXELS);
  for (let j = 0; j < count; j++) {
    let max = 0;
    for (let i = 0; i < PIXELS; i++) max = Math.max(max, weights[i * neurons + j]);
    for (let i = 0; i < PIXELS; i++) fields[j * PIXELS + i] = max > 0 ? (255 * weights[i * neurons + j]) / max : 0;
  }
  return tileImages(fields, count, IMAGE_ROWS, IMAGE_COLS, columns, zoom);
}
