/**
 * The three phases of an experiment as separate calls (Brian2's Diehl_Cook_2015 example: train, observe, test):
 *   train(net, digits)       learning on: STDP, adaptive threshold, normalisation
 *   respond(net, digits)     learning off, theta frozen: spike counts per digit (samples x neurons)
 *   assign + evaluate        labels from counts on *training* digits, accuracy on held-out digits
 */
import { Assignment, assignLabels, predictAllActivity, predictProportion } from "../analysis/labels";
import { synOps } from "../analysis/cost";
import { accuracyPercent } from "../analysis/metrics";
import { SpikeOrders } from "../analysis/readouts";
import { Digits, PIXELS } from "../data/digits";
import { DecisionWindows } from "../core/decision";
import { NetworkLike } from "../core/network";

/** Progress callback: `done` of `total` digits. */
export type Progress = (done: number, total: number) => void;

export interface PhaseStats {
  samples: number;
  presentations: number;
  /** Digits whose retries hit the cap with fewer than minSpikes spikes. */
  cappedDigits: number;
  excSpikes: number;
  inputSpikes: number;
  /** Excitatory updates clamped at eInh (Totals.eInhClamps). */
  eInhClamps: number;
  /** What the digits cost (Totals' spent fields: every presentation, retries and rest periods included). */
  spentInputSpikes: number;
  spentExcSpikes: number;
  spentInhSpikes: number;
  simulatedSteps: number;
  seconds: number;
  samplesPerSec: number;
}

/** The statistics a phase takes from the network's totals (their change over the phase). */
const FROM_TOTALS = ["presentations", "cappedDigits", "excSpikes", "inputSpikes", "eInhClamps", "spentInputSpikes",
  "spentExcSpikes", "spentInhSpikes", "simulatedSteps"] as const;
const SUMMED = ["samples", ...FROM_TOTALS, "seconds"] as const;

/** The statistics of several phases run one after the other (rates from the summed samples and seconds). */
export function sumStats(parts: PhaseStats[]): PhaseStats {
  const total = Object.fromEntries([...SUMMED, "samplesPerSec"].map((k) => [k, 0])) as unknown as PhaseStats;
  for (const p of parts) for (const key of SUMMED) total[key] += p[key];
  total.samplesPerSec = total.samples / Math.max(total.seconds, 1e-9);
  return total;
}

export interface PhaseOptions {
  /** First sample to present (default 0). */
  start?: number;
  /** Number of samples (default: all from start). */
  samples?: number;
  onProgress?: Progress;
  /** Call onProgress every this many digits (default 100). */
  progressEvery?: number;
  /**
   * respond only: also keep the counts and the cost after these milliseconds of each digit's classifying presentation
   * (decision windows, core/decision.ts; ascending, whole steps, at most the presentation).
   */
  decisionMs?: readonly number[];
  /** respond only: also keep each digit's spike order (the n-gram readout's input; a whole Network only). */
  spikeOrder?: boolean;
}

function range(digits: Digits, options: PhaseOptions, fn: string): [number, number] {
  const start = options.start ?? 0;
  const samples = options.samples ?? digits.count - start;
  if (!Number.isInteger(start) || !(start >= 0) || !Number.isInteger(samples) || !(samples >= 0) || start + samples > digits.count) {
    throw new RangeError(`${fn}: samples [${start}, ${start + samples}) must lie within the ${digits.count} digits given`);
  }
  return [start, samples];
}

function runPhase(net: NetworkLike, digits: Digits, options: PhaseOptions, learn: boolean, counts: Float32Array | undefined, fn: string,
  decision?: DecisionResponses, orders?: OrderCollector): PhaseStats {
  const [start, samples] = range(digits, options, fn);
  const every = options.progressEvery ?? 100;
  const before = { ...net.totals };
  const neurons = net.neurons;
  const windows = decision ? net.decisionWindows(decision.ms) : undefined;
  const t0 = performance.now();
  for (let k = 0; k < samples; k++) {
    const idx = start + k;
    net.present(digits.images.subarray(idx * PIXELS, (idx + 1) * PIXELS), learn, undefined, windows);
    if (counts) {
      const row = k * neurons, netCounts = net.counts;
      for (let j = 0; j < neurons; j++) counts[row + j] = netCounts[j];
    }
    if (decision && windows) keepWindows(decision, windows, k, neurons);
    orders?.add(net.spikeOrder!);
    if (options.onProgress && ((k + 1) % every === 0 || k + 1 === samples)) options.onProgress(k + 1, samples);
  }
  const seconds = (performance.now() - t0) / 1000;
  const changes = Object.fromEntries(FROM_TOTALS.map((key) => [key, net.totals[key] - before[key]])) as Record<(typeof FROM_TOTALS)[number], number>;
  return { samples, ...changes, seconds, samplesPerSec: samples / Math.max(seconds, 1e-9) };
}

/** Train on digits [start, start + samples) in order, learning on. */
export function train(net: NetworkLike, digits: Digits, options: PhaseOptions = {}): PhaseStats {
  return runPhase(net, digits, options, true, undefined, "train");
}

/**
 * Train on digits [start, start + samples) in order (learning on) and keep the spike counts of each digit's final
 * presentation, as the released code records them while it learns (for running estimates; labels for a reported
 * accuracy come from a frozen network: respond).
 */
export function trainRecording(net: NetworkLike, digits: Digits, options: PhaseOptions = {}): Responses {
  const [start, samples] = range(digits, options, "trainRecording");
  const counts = new Float32Array(samples * net.neurons);
  const stats = runPhase(net, digits, options, true, counts, "trainRecording");
  return { counts, labels: digits.labels.slice(start, start + samples), samples, neurons: net.neurons, stats };
}

export interface Responses {
  /** samples x neurons spike counts of the final presentation of each digit. */
  counts: Float32Array;
  labels: Uint8Array;
  samples: number;
  neurons: number;
  stats: PhaseStats;
  /** With PhaseOptions.decisionMs: the counts and cost at each decision time. */
  decision?: DecisionResponses;
  /** With PhaseOptions.spikeOrder: each digit's excitatory spikes in firing order. */
  orders?: SpikeOrders;
}

/** The responses at decision times: window q's counts (samples x neurons) and spikes summed over the digits. */
export interface DecisionResponses {
  ms: number[];
  counts: Float32Array[];
  inputSpikes: number[];
  excSpikes: number[];
  inhSpikes: number[];
}

function emptyDecision(ms: readonly number[], samples: number, neurons: number): DecisionResponses {
  return {
    ms: [...ms], counts: ms.map(() => new Float32Array(samples * neurons)),
    inputSpikes: ms.map(() => 0), excSpikes: ms.map(() => 0), inhSpikes: ms.map(() => 0),
  };
}

/** Add window q's spikes of `from` (a digit's windows, or another part's responses) to d's sums. */
function addSpikes(d: DecisionResponses, q: number, from: Pick<DecisionResponses, "inputSpikes" | "excSpikes" | "inhSpikes"> | DecisionWindows): void {
  d.inputSpikes[q] += from.inputSpikes[q];
  d.excSpikes[q] += from.excSpikes[q];
  d.inhSpikes[q] += from.inhSpikes[q];
}

/** Digit k's windows into the responses. */
function keepWindows(d: DecisionResponses, w: DecisionWindows, k: number, neurons: number): void {
  for (let q = 0; q < d.ms.length; q++) {
    d.counts[q].set(w.counts.subarray(q * neurons, (q + 1) * neurons), k * neurons);
    addSpikes(d, q, w);
  }
}

/** Consecutive responses of one network (each part's digits following the previous part's) as one. */
export function joinResponses(parts: Responses[], neurons: number): Responses {
  const samples = parts.reduce((n, p) => n + p.samples, 0);
  const counts = new Float32Array(samples * neurons);
  const labels = new Uint8Array(samples);
  let at = 0;
  for (const p of parts) {
    counts.set(p.counts, at * neurons);
    labels.set(p.labels, at);
    at += p.samples;
  }
  const joined: Responses = { counts, labels, samples, neurons, stats: sumStats(parts.map((p) => p.stats)) };
  // decision times only where every part has the same ones
  const first = parts[0]?.decision;
  if (first && parts.every((p) => p.decision && p.decision.ms.join() === first.ms.join())) {
    const d = emptyDecision(first.ms, samples, neurons);
    let row = 0;
    for (const p of parts) {
      first.ms.forEach((_, q) => {
        d.counts[q].set(p.decision!.counts[q], row * neurons);
        addSpikes(d, q, p.decision!);
      });
      row += p.samples;
    }
    joined.decision = d;
  }
  return joined;
}

/** Present digits with learning off and theta frozen; return the spike counts (samples x neurons). */
export function respond(net: NetworkLike, digits: Digits, options: PhaseOptions = {}): Responses {
  const [start, samples] = range(digits, options, "respond");
  const counts = new Float32Array(samples * net.neurons);
  const decision = options.decisionMs ? emptyDecision(options.decisionMs, samples, net.neurons) : undefined;
  let orders: OrderCollector | undefined;
  if (options.spikeOrder) {
    if (!net.recordSpikeOrder) throw new RangeError("respond: spike orders are recorded by a whole Network only, not a network split across threads");
    net.recordSpikeOrder(true);
    orders = new OrderCollector(samples);
  }
  try {
    const stats = runPhase(net, digits, options, false, counts, "respond", decision, orders);
    return {
      counts, labels: digits.labels.slice(start, start + samples), samples, neurons: net.neurons, stats,
      ...(decision ? { decision } : {}), ...(orders ? { orders: orders.result() } : {}),
    };
  } finally {
    if (orders) net.recordSpikeOrder!(false);
  }
}

/** The spike orders of consecutive digits, gathered into one SpikeOrders. */
class OrderCollector {
  #neurons = new Int32Array(1024);
  #count = 0;
  #digits = 0;
  readonly #starts: Int32Array;

  constructor(samples: number) {
    this.#starts = new Int32Array(samples + 1);
  }

  add(order: Int32Array): void {
    if (this.#count + order.length > this.#neurons.length) {
      const grown = new Int32Array(Math.max(2 * this.#neurons.length, this.#count + order.length));
      grown.set(this.#neurons.subarray(0, this.#count));
      this.#neurons = grown;
    }
    this.#neurons.set(order, this.#count);
    this.#count += order.length;
    this.#starts[++this.#digits] = this.#count;
  }

  result(): SpikeOrders {
    return { neurons: this.#neurons.slice(0, this.#count), starts: this.#starts };
  }
}

/** Labels from responses to labelled training digits (never the test digits). */
export function assignFromResponses(r: Responses): Assignment {
  return assignLabels(r.counts, r.labels, r.neurons);
}

export interface Evaluation {
  /** All-activity accuracy, percent. */
  accuracy: number;
  /** Proportion-weighting accuracy, percent. */
  accuracyProportion: number;
  predicted: Uint8Array;
  predictedProportion: Uint8Array;
  samples: number;
}

/** Accuracy of an assignment on responses to held-out digits. */
export function evaluateResponses(r: Responses, a: Assignment): Evaluation {
  const predicted = predictAllActivity(r.counts, r.samples, a);
  const predictedProportion = predictProportion(r.counts, r.samples, a);
  return {
    accuracy: accuracyPercent(predicted, r.labels),
    accuracyProportion: accuracyPercent(predictedProportion, r.labels),
    predicted, predictedProportion, samples: r.samples,
  };
}

/** Accuracy and cost of a decision after `ms` milliseconds of each digit's classifying presentation. */
export interface DecisionPoint {
  ms: number;
  /** All-activity accuracy with the counts up to `ms`, percent. */
  accuracy: number;
  /** SynOps per digit spent by then (analysis/cost.ts; earlier presentations of a retried digit in full). */
  synOpsPerSample: number;
}

/** Accuracy against decision time (responses made with PhaseOptions.decisionMs; the labels from full presentations). */
export function evaluateDecisions(r: Responses, a: Assignment): DecisionPoint[] {
  const d = r.decision;
  if (!d) throw new RangeError("evaluateDecisions: these responses have no decision times (respond with the decisionMs option)");
  return d.ms.map((ms, q) => ({
    ms,
    accuracy: accuracyPercent(predictAllActivity(d.counts[q], r.samples, a), r.labels),
    synOpsPerSample: synOps({ inputSpikes: d.inputSpikes[q], excSpikes: d.excSpikes[q], inhSpikes: d.inhSpikes[q] }, r.neurons) / r.samples,
  }));
}
