/**
 * Poisson input spikes for one presentation, generated all at once.
 * Law: each pixel fires independently in each step with probability p = pixel * spikeProbPerPixel * intensity
 * (Brian's PoissonGroup: spike if rand < rate * dt). Instead of steps x pixels Bernoulli draws, for each non-zero pixel
 * we draw its spike count from Binomial(steps, p) (inverse CDF, cached per pixel value and intensity) and place that
 * many spikes on distinct uniformly chosen steps: the same joint law, about 60x fewer random numbers.
 * The result is a schedule in CSR form: the inputs spiking at step s are idx[stepStart[s] .. stepStart[s+1]), in
 * increasing pixel order.
 */
import { Rng } from "../random/rng";

export interface SpikeSchedule {
  steps: number;
  /** Length steps + 1. */
  stepStart: Int32Array;
  /** Input indices, grouped by step. Capacity inputs x steps. */
  idx: Int32Array;
  /** Total spikes in the schedule. */
  total: number;
}

/** A schedule for `steps` steps of `inputs` inputs; `idx` and `stepStart` may be given (for example in WASM memory). */
export function createSchedule(steps: number, inputs: number, idx?: Int32Array, stepStart?: Int32Array): SpikeSchedule {
  const capacity = steps * inputs;
  if (idx && idx.length < capacity) throw new RangeError(`createSchedule: idx needs ${capacity} entries, got ${idx.length}`);
  if (stepStart && stepStart.length !== steps + 1) throw new RangeError(`createSchedule: stepStart needs ${steps + 1} entries, got ${stepStart.length}`);
  return { steps, stepStart: stepStart ?? new Int32Array(steps + 1), idx: idx ?? new Int32Array(capacity), total: 0 };
}

/**
 * Cumulative distribution of Binomial(n, p), truncated past the mean once within 1e-16 of 1 or once the sum stops
 * growing in f64; the last entry is raised to 1 (so a draw u in [that sum, 1), probability < 1e-13, gets the last count).
 */
export function binomialCdf(n: number, p: number): Float64Array {
  if (p <= 0) return Float64Array.of(1);
  if (p >= 1) {
    const cdf = new Float64Array(n + 1);
    cdf[n] = 1;
    return cdf;
  }
  const values = new Float64Array(n + 1);
  const ratio = p / (1 - p);
  let pmf = Math.pow(1 - p, n);
  if (pmf === 0) throw new RangeError(`binomialCdf: (1 - p)^n underflows for n = ${n}, p = ${p}: input rate too high for this step count`);
  let acc = 0;
  let length = 0;
  for (let k = 0; k <= n; k++) {
    acc += pmf;
    values[length++] = acc;
    if (1 - acc <= 1e-16 && k > n * p) break;
    pmf *= ((n - k) / (k + 1)) * ratio;
    // Past the mean the terms only shrink: once the next one cannot change the f64 sum (which may stop a few ulps
    // short of 1), every later entry would repeat it. End here; the last entry becomes 1 below.
    if (k > n * p && acc + pmf === acc) break;
  }
  values[length - 1] = Math.max(values[length - 1], 1);
  return values.slice(0, length);
}

/**
 * The longest presentation the Poisson input draws exactly: its uniform draw of a spike's step (Lemire's
 * multiply-shift in 31-bit integer arithmetic, the same in TypeScript and WASM) needs 2^bits >= steps with
 * 2^bits * steps <= 2^31, which holds up to 2^15 steps.
 */
export const MAX_PRESENTATION_STEPS = 1 << 15;

/** Generates presentations' spike schedules for one (steps, spikeProbPerPixel); caches CDFs per probability. */
export class PoissonInput {
  /** cdfByIntensity[intensity][pixel]: Binomial CDF of that pixel's spike count, built on first use. */
  private readonly cdfByIntensity: (Float64Array | undefined)[][] = [];
  /** Exactly uniform steps in [0, steps) by Lemire's multiply-shift on `uniformBits` random bits (all int32 math). */
  readonly uniformBits: number;
  readonly uniformThreshold: number;
  private readonly stamp: Uint32Array;
  private generation = 0;
  private readonly tmpStep: Int32Array;
  private readonly tmpPixel: Int32Array;
  private readonly counts: Int32Array;

  constructor(readonly steps: number, readonly inputs: number, readonly spikeProbPerPixel: number) {
    this.stamp = new Uint32Array(steps);
    this.tmpStep = new Int32Array(steps * inputs);
    this.tmpPixel = new Int32Array(steps * inputs);
    this.counts = new Int32Array(steps + 1);
    if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_PRESENTATION_STEPS)) {
      throw new RangeError(`PoissonInput: steps must be an integer in [1, ${MAX_PRESENTATION_STEPS}], got ${steps}`);
    }
    this.uniformBits = Math.floor(Math.log2(0x7fffffff / steps));
    this.uniformThreshold = ((1 << this.uniformBits) - steps) % steps;
  }

  /** Per-step spike probability of a pixel value at an intensity. */
  probability(pixel: number, intensity: number): number {
    return Math.min(1, pixel * this.spikeProbPerPixel * intensity);
  }

  private cdfTable(intensity: number): (Float64Array | undefined)[] {
    if (!Number.isInteger(intensity) || !(intensity >= 1)) throw new RangeError(`PoissonInput.fill: intensity must be an integer >= 1, got ${intensity}`);
    let table = this.cdfByIntensity[intensity];
    if (!table) {
      table = new Array<Float64Array | undefined>(256).fill(undefined);
      this.cdfByIntensity[intensity] = table;
    }
    return table;
  }

  /** The Binomial CDF of a pixel value's spike count at an intensity (built on first use, then cached). */
  cdf(pixel: number, intensity: number): Float64Array {
    const table = this.cdfTable(intensity);
    let cdf = table[pixel];
    if (cdf === undefined) {
      cdf = binomialCdf(this.steps, this.probability(pixel, intensity));
      table[pixel] = cdf;
    }
    return cdf;
  }

  /** Fill `out` with the spikes of one presentation of `pixels` at `intensity`. */
  fill(pixels: Uint8Array, intensity: number, rng: Rng, out: SpikeSchedule): void {
    const table = this.cdfTable(intensity);
    let total = 0;
    for (let i = 0; i < pixels.length; i++) {
      const pixel = pixels[i];
      if (pixel === 0) continue;
      const cdf = table[pixel] ?? this.cdf(pixel, intensity);
      const u = rng.nextFloat();
      // k = the first index with u < cdf[k] (cdf is increasing, its last entry >= 1 > u): binary search.
      let lo = 0, hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (u >= cdf[mid]) lo = mid + 1;
        else hi = mid;
      }
      const k = lo;
      if (k === 0) continue;
      total = this.placeSpikes(i, k, rng, total);
    }
    // Counting sort by step (stable: pixel order within a step).
    const steps = this.steps;
    const counts = this.counts, tmpStep = this.tmpStep, tmpPixel = this.tmpPixel, idx = out.idx;
    counts.fill(0);
    for (let s = 0; s < total; s++) counts[tmpStep[s] + 1]++;
    for (let s = 0; s < steps; s++) counts[s + 1] += counts[s];
    out.stepStart.set(counts);
    for (let s = 0; s < total; s++) idx[counts[tmpStep[s]]++] = tmpPixel[s];
    out.total = total;
  }

  /** Choose k distinct steps uniformly for input i (rejection on a stamped bitmap; complement when k > steps / 2). */
  private placeSpikes(i: number, k: number, rng: Rng, total: number): number {
    const steps = this.steps;
    const gen = this.nextGeneration();
    const stamp = this.stamp, tmpStep = this.tmpStep, tmpPixel = this.tmpPixel;
    const complement = k > steps >> 1;
    const draws = complement ? steps - k : k;
    const threshold = this.uniformThreshold, bits = this.uniformBits, mask = (1 << bits) - 1;
    // rng.nextU32() inlined on local copies of the sfc32 state (the same sequence; written back below)
    const words = rng.words;
    let a = words[0], b = words[1], c = words[2], e = words[3];
    for (let d = 0; d < draws; ) {
      const t = (((a + b) | 0) + e) | 0;
      e = (e + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const m = ((t >>> 0) >>> (32 - bits)) * steps; // < 2^31 by the choice of bits
      if ((m & mask) < threshold) continue;
      const s = m >>> bits;
      if (stamp[s] !== gen) {
        stamp[s] = gen;
        d++;
        if (!complement) {
          tmpStep[total] = s;
          tmpPixel[total++] = i;
        }
      }
    }
    words[0] = a;
    words[1] = b;
    words[2] = c;
    words[3] = e;
    if (complement) {
      for (let s = 0; s < steps; s++) {
        if (stamp[s] !== gen) {
          tmpStep[total] = s;
          tmpPixel[total++] = i;
        }
      }
    }
    return total;
  }

  private nextGeneration(): number {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}
