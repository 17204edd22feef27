/**
 * Readouts: ways to turn a network's responses into class predictions, each a fit (on labelled training digits,
 * learning off) and a predict (on held-out digits), listed once in READOUTS; records hold one accuracy column per
 * readout. The first two are Diehl & Cook's and BindsNET's (labels.ts); the other three are the LM-SNN code's
 * (Hazan et al. 2018, github.com/djsaunde/lm-snn, code/train/csnn_two_level_inhibition.py; ../shared/LMSNN.md):
 *   all-activity   per class, the mean count of the neurons assigned to it
 *   proportion     as all-activity, each count weighted by the neuron's share of its own spikes in that class
 *   confidence     as all-activity, each count weighted by the neuron's share of the class's rate among all neurons
 *                  (the code's spike_proportions: rates normalised over neurons for each class)
 *   distance       the label of the neuron whose input weights are nearest (Euclidean) to the digit's input rates
 *                  scaled to sum to normTotal (rates are pixel-proportional, so the pixels scaled the same way)
 *   ngram2         on the labelled digits, how often each pair of consecutive excitatory spikes came with each class;
 *                  on a digit, the sum over its pairs of their normalised class counts (pairs never seen add nothing)
 * Ties, and digits with no evidence, go to the lowest class (argmax's first maximum), as everywhere in labels.ts.
 */
import { PIXELS } from "../data/digits";
import { Assignment, predictAllActivity, predictProportion } from "./labels";
import { accuracyPercent } from "./metrics";

/** Each digit's excitatory spikes in firing order: digit k's are neurons[starts[k] .. starts[k + 1]). */
export interface SpikeOrders {
  neurons: Int32Array;
  starts: Int32Array;
}

/** Responses as a readout sees them: counts (samples x neurons), labels, and what some readouts need besides. */
export interface ReadoutData {
  counts: ArrayLike<number>;
  labels: ArrayLike<number>;
  samples: number;
  neurons: number;
  /** The digits' spike orders (ngram2). */
  orders?: SpikeOrders;
  /** The digits' pixels, samples x 784 (distance). */
  images?: Uint8Array;
}

/** What the network gives a readout besides its responses: its input weights (784 x neurons, row-major) and their column sum. */
export interface ReadoutNetwork {
  weights: Float32Array;
  normTotal: number;
}

export interface Readout<Model = unknown> {
  readonly name: string;
  /** The record field of its accuracy. */
  readonly column: string;
  /** What it needs besides counts: spike orders, the digits' pixels and the network's weights. */
  readonly needs: readonly ("orders" | "images")[];
  fit(labelled: ReadoutData, assignment: Assignment, network: ReadoutNetwork): Model;
  predict(model: Model, data: ReadoutData): Uint8Array;
}

function argmax(scores: Float64Array): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
  return best;
}

function need<T>(value: T | undefined, readout: string, what: string): T {
  if (value === undefined) throw new RangeError(`readout ${readout}: the responses carry no ${what} (respond with the option that records them)`);
  return value;
}

const allActivity: Readout<Assignment> = {
  name: "all-activity", column: "accuracy", needs: [],
  fit: (_labelled, assignment) => assignment,
  predict: (a, d) => predictAllActivity(d.counts, d.samples, a),
};

const proportion: Readout<Assignment> = {
  name: "proportion", column: "accuracyProportion", needs: [],
  fit: (_labelled, assignment) => assignment,
  predict: (a, d) => predictProportion(d.counts, d.samples, a),
};

/** The confidence weights: rate_j,c / sum over all neurons of rate_j',c (0 for a class nobody fires for). */
export function confidenceWeights(a: Assignment): Float64Array {
  const { neurons, classes, rates } = a;
  const totals = new Float64Array(classes);
  for (let j = 0; j < neurons; j++) for (let c = 0; c < classes; c++) totals[c] += rates[j * classes + c];
  const weights = new Float64Array(neurons * classes);
  for (let j = 0; j < neurons; j++) {
    for (let c = 0; c < classes; c++) weights[j * classes + c] = totals[c] > 0 ? rates[j * classes + c] / totals[c] : 0;
  }
  return weights;
}

const confidence: Readout<{ a: Assignment; weights: Float64Array }> = {
  name: "confidence", column: "accuracyConfidence", needs: [],
  fit: (_labelled, a) => ({ a, weights: confidenceWeights(a) }),
  predict({ a, weights }, d) {
    const members = new Float64Array(a.classes);
    for (let j = 0; j < a.neurons; j++) if (a.labels[j] >= 0) members[a.labels[j]]++;
    const out = new Uint8Array(d.samples);
    const scores = new Float64Array(a.classes);
    for (let k = 0; k < d.samples; k++) {
      scores.fill(0);
      for (let j = 0, row = k * a.neurons; j < a.neurons; j++) {
        const c = a.labels[j];
        if (c >= 0) scores[c] += d.counts[row + j] * weights[j * a.classes + c];
      }
      for (let c = 0; c < a.classes; c++) scores[c] = members[c] > 0 ? scores[c] / members[c] : 0;
      out[k] = argmax(scores);
    }
    return out;
  },
};

const distance: Readout<{ labels: Int8Array; weights: Float32Array; normTotal: number; neurons: number }> = {
  name: "distance", column: "accuracyDistance", needs: ["images"],
  fit: (_labelled, a, network) => ({ labels: a.labels, weights: network.weights.slice(), normTotal: network.normTotal, neurons: a.neurons }),
  predict({ labels, weights, normTotal, neurons }, d) {
    const images = need(d.images, "distance", "pixels");
    const out = new Uint8Array(d.samples);
    const x = new Float64Array(PIXELS);
    const dist = new Float64Array(neurons);
    for (let k = 0; k < d.samples; k++) {
      let sum = 0;
      for (let i = 0; i < PIXELS; i++) sum += images[k * PIXELS + i];
      for (let i = 0; i < PIXELS; i++) x[i] = sum > 0 ? images[k * PIXELS + i] * (normTotal / sum) : 0;
      dist.fill(0);
      for (let i = 0; i < PIXELS; i++) {
        const xi = x[i], row = i * neurons;
        for (let j = 0; j < neurons; j++) {
          const e = xi - weights[row + j];
          dist[j] += e * e;
        }
      }
      let best = -1;
      for (let j = 0; j < neurons; j++) if (labels[j] >= 0 && (best < 0 || dist[j] < dist[best])) best = j;
      out[k] = best < 0 ? 0 : labels[best];
    }
    return out;
  },
};

/** Class counts of each pair of consecutive spikes (key a * neurons + b) on the labelled digits. */
export function countPairs(orders: SpikeOrders, labels: ArrayLike<number>, samples: number, neurons: number, classes = 10): Map<number, Float64Array> {
  const table = new Map<number, Float64Array>();
  for (let k = 0; k < samples; k++) {
    const c = labels[k];
    for (let s = orders.starts[k]; s + 1 < orders.starts[k + 1]; s++) {
      const key = orders.neurons[s] * neurons + orders.neurons[s + 1];
      let row = table.get(key);
      if (!row) table.set(key, (row = new Float64Array(classes)));
      row[c]++;
    }
  }
  return table;
}

const ngram2: Readout<{ table: Map<number, Float64Array>; neurons: number }> = {
  name: "ngram2", column: "accuracyNgram2", needs: ["orders"],
  fit(labelled, a) {
    const orders = need(labelled.orders, "ngram2", "spike orders");
    return { table: countPairs(orders, labelled.labels, labelled.samples, a.neurons, a.classes), neurons: a.neurons };
  },
  predict({ table, neurons }, d) {
    const orders = need(d.orders, "ngram2", "spike orders");
    const out = new Uint8Array(d.samples);
    const scores = new Float64Array(10);
    for (let k = 0; k < d.samples; k++) {
      scores.fill(0);
      for (let s = orders.starts[k]; s + 1 < orders.starts[k + 1]; s++) {
        const row = table.get(orders.neurons[s] * neurons + orders.neurons[s + 1]);
        if (!row) continue;
        let total = 0;
        for (let c = 0; c < row.length; c++) total += row[c];
        for (let c = 0; c < row.length; c++) scores[c] += row[c] / total;
      }
      out[k] = argmax(scores);
    }
    return out;
  },
};

/**
 * Every readout's accuracy (percent) on `test`, fitted on `labelled` (responses to labelled training digits, with spike
 * orders and pixels where the readouts need them).
 */
export function evaluateReadouts(labelled: ReadoutData, test: ReadoutData, assignment: Assignment, network: ReadoutNetwork,
  readouts: readonly Readout[] = READOUTS): { name: string; column: string; accuracy: number }[] {
  return readouts.map((r) => {
    const predicted = r.predict(r.fit(labelled, assignment, network), test);
    return { name: r.name, column: r.column, accuracy: accuracyPercent(predicted, test.labels) };
  });
}

/** Every readout, in the order records list their columns. */
export const READOUTS: readonly Readout[] = Object.freeze([allActivity, proportion, confidence, distance, ngram2] as Readout[]);

/** The readouts' record columns (accuracy, accuracyProportion, ...). */
export const READOUT_COLUMNS: readonly string[] = READOUTS.map((r) => r.column);
