/**
 * Learning diagnostics: numbers that show how a network's population evolves while it learns, beyond accuracy.
 * They were written to trace the collapse of large networks (see data/results/diagnostics/README.md): how many
 * neurons have learned a receptive field, where their thresholds sit, and how synchronous their spikes are.
 * Pure functions over plain arrays.
 */

/** Quantiles (linear order statistics, no interpolation: value at floor(q * (n - 1))) of `values`. */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError("quantiles: no values");
  for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`quantiles: q must be in [0, 1], got ${q}`);
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
}

/**
 * Neurons whose largest input weight is at least `minWeight`: those that have learned a receptive field. Initial
 * weights U(0.003, 0.303) normalised to sum 78 have a largest value near 0.2, so 0.3 separates neurons STDP has
 * potentiated from untouched ones. `weights` is 784 x neurons row-major (NetworkState.arrays.weights).
 */
export function learnedNeurons(weights: Float32Array, neurons: number, minWeight = 0.3): number {
  if (!Number.isInteger(neurons) || !(neurons >= 1) || weights.length % neurons !== 0) {
    throw new RangeError(`learnedNeurons: weights (${weights.length}) must be inputs x neurons (${neurons})`);
  }
  const max = new Float32Array(neurons);
  for (let k = 0; k < weights.length; k++) {
    const j = k % neurons;
    if (weights[k] > max[j]) max[j] = weights[k];
  }
  let n = 0;
  for (let j = 0; j < neurons; j++) if (max[j] >= minWeight) n++;
  return n;
}

export interface SpikeTiming {
  spikes: number;
  /** Largest number of excitatory spikes in one time step (a volley). */
  largestVolley: number;
  /** Spikes emitted in steps with at least `volleySize` spikes. */
  inVolleys: number;
  /** Spikes of a neuron that had already spiked at most `burstSteps` steps before (these potentiate under the triplet rule). */
  repeats: number;
}

/**
 * Synchrony and burstiness of one presentation's excitatory spikes, given as (step, neuron) pairs in time order
 * (Recording.excSteps / excIndices). A volley is a step in which at least `volleySize` neurons spike: they all cross
 * threshold before the lateral inhibition they trigger arrives. A repeat is a spike within `burstSteps` steps of the
 * same neuron's previous spike (with the released code's post2 trace, tau 40 ms, only such spikes potentiate much).
 */
export function spikeTiming(steps: ArrayLike<number>, neuronsOf: ArrayLike<number>, volleySize = 10, burstSteps = 80): SpikeTiming {
  if (steps.length !== neuronsOf.length) throw new RangeError(`spikeTiming: ${steps.length} steps but ${neuronsOf.length} neurons`);
  const perStep = new Map<number, number>();
  const last = new Map<number, number>();
  let repeats = 0;
  for (let k = 0; k < steps.length; k++) {
    if (k > 0 && steps[k] < steps[k - 1]) throw new RangeError(`spikeTiming: steps must be in time order (index ${k})`);
    perStep.set(steps[k], (perStep.get(steps[k]) ?? 0) + 1);
    const previous = last.get(neuronsOf[k]);
    if (previous !== undefined && steps[k] - previous <= burstSteps) repeats++;
    last.set(neuronsOf[k], steps[k]);
  }
  let largestVolley = 0;
  let inVolleys = 0;
  for (const count of perStep.values()) {
    largestVolley = Math.max(largestVolley, count);
    if (count >= volleySize) inVolleys += count;
  }
  return { spikes: steps.length, largestVolley, inVolleys, repeats };
}

export interface SpikeConcentration {
  spikes: number;
  /** Neurons with at least one spike. */
  firing: number;
  /** The neurons with the most spikes, most first (ties: lower index first). */
  top: { neuron: number; spikes: number }[];
  /** Share of all spikes emitted by `top`, 0..1 (0 without spikes). */
  topShare: number;
}

/**
 * How concentrated a population's spikes are: the `k` neurons with the most spikes and their share of all spikes.
 * A frozen network whose responses are dominated by one or two neurons answers every digit with the same class.
 */
export function spikeConcentration(spikesPerNeuron: ArrayLike<number>, k: number): SpikeConcentration {
  if (!Number.isInteger(k) || !(k >= 1)) throw new RangeError(`spikeConcentration: k must be an integer >= 1, got ${k}`);
  let spikes = 0, firing = 0;
  for (let j = 0; j < spikesPerNeuron.length; j++) {
    if (!(spikesPerNeuron[j] >= 0)) throw new RangeError(`spikeConcentration: neuron ${j} has ${spikesPerNeuron[j]} spikes`);
    spikes += spikesPerNeuron[j];
    if (spikesPerNeuron[j] > 0) firing++;
  }
  const order = Array.from({ length: spikesPerNeuron.length }, (_, j) => j)
    .sort((a, b) => spikesPerNeuron[b] - spikesPerNeuron[a] || a - b).slice(0, k);
  const top = order.map((neuron) => ({ neuron, spikes: spikesPerNeuron[neuron] }));
  const topSpikes = top.reduce((sum, t) => sum + t.spikes, 0);
  return { spikes, firing, top, topShare: spikes > 0 ? topSpikes / spikes : 0 };
}

/** One window of scripts/diagnose-learning.ts's output (see data/results/diagnostics/README.md for the columns). */
export interface DiagnosticsRow {
  digits: number;
  spikesPerDigit: number;
  fired: number;
  /** Threshold above the resting potential, mV: quantiles 10, 50 and 90 % over neurons. */
  thresholdAboveRestMv: [number, number, number];
  learned: number;
  largestVolley: number;
  inVolleysPercent: number;
  repeatsPercent: number;
  seconds: number;
  /** Distinct neurons firing per digit and updates of v clamped at E_inh per digit (outputs since these columns exist). */
  neuronsPerDigit?: number;
  clampedPerDigit?: number;
  /** Accuracy on the held-out digits, percent, where the window was validated. */
  validationAccuracy?: number;
}

/**
 * Parse the text table scripts/diagnose-learning.ts prints (header line, then one line per window, e.g.
 * ` 10000  46.9  6247  5.7/6.0/7.0  549  49.9  59%  27%  69  validation 72.36 %`); throws naming the bad line.
 */
export function parseDiagnosticsTable(text: string): DiagnosticsRow[] {
  const rows: DiagnosticsRow[] = [];
  text.split("\n").forEach((line, k) => {
    if (line.trim() === "" || line.trimStart().startsWith("digits")) return;
    const m = line.match(/^\s*(\d+)\s+([\d.]+)\s+(\d+)\s+(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)%\s+([\d.]+)%\s*([\d.]+)(?:\s+([\d.]+)\s+([\d.]+))?(?:\s+validation ([\d.]+) %)?\s*$/);
    if (!m) throw new RangeError(`parseDiagnosticsTable: line ${k + 1} is not a diagnostics row: "${line}"`);
    const n = m.slice(1).map(Number);
    rows.push({
      digits: n[0], spikesPerDigit: n[1], fired: n[2], thresholdAboveRestMv: [n[3], n[4], n[5]], learned: n[6],
      largestVolley: n[7], inVolleysPercent: n[8], repeatsPercent: n[9], seconds: n[10],
      ...(m[12] !== undefined ? { neuronsPerDigit: n[11], clampedPerDigit: n[12] } : {}),
      ...(m[14] !== undefined ? { validationAccuracy: n[13] } : {}),
    });
  });
  return rows;
}
