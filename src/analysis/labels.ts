/**
 * Label assignment and prediction from spike counts (Diehl & Cook 2015, section 2.5; BindsNET evaluation.py).
 * Shapes: `counts` is samples x neurons, row-major (sample k's counts at [k*neurons, (k+1)*neurons)).
 * Tie-break rule everywhere: the lowest class index wins (argmax returns the first maximum).
 * Neurons that never fire on the assignment digits stay unassigned (label -1) and take no part in prediction.
 */

export const UNASSIGNED = -1;

export interface Assignment {
  /** Class of each neuron, or -1 (unassigned). */
  labels: Int8Array;
  /** neurons x classes: the neuron's share of its spikes per class, rate_c / sum_c rate_c (proportion weighting). */
  proportions: Float64Array;
  /** neurons x classes: mean spike count per presentation of each class. */
  rates: Float64Array;
  classes: number;
  neurons: number;
}

function checkShape(fn: string, counts: ArrayLike<number>, samples: number, neurons: number): void {
  if (!Number.isInteger(neurons) || !(neurons >= 1)) throw new RangeError(`${fn}: neurons must be an integer >= 1, got ${neurons}`);
  if (counts.length !== samples * neurons) {
    throw new RangeError(`${fn}: counts must hold samples x neurons = ${samples} x ${neurons} = ${samples * neurons} values, got ${counts.length}`);
  }
}

/**
 * Assign each neuron the class for which its mean spike count is highest.
 * @param counts samples x neurons spike counts (learning off, on labelled training digits)
 * @param labels class of each sample, 0..classes-1
 * @example assignLabels(Float32Array.of(3, 0,  0, 2), Uint8Array.of(0, 1), 2, 2).labels // Int8Array [0, 1]
 */
export function assignLabels(counts: ArrayLike<number>, labels: ArrayLike<number>, neurons: number, classes = 10): Assignment {
  const samples = labels.length;
  checkShape("assignLabels", counts, samples, neurons);
  const perClass = new Float64Array(classes);
  const sums = new Float64Array(neurons * classes);
  for (let k = 0; k < samples; k++) {
    const c = labels[k];
    if (!(c >= 0 && c < classes) || !Number.isInteger(c)) throw new RangeError(`assignLabels: label of sample ${k} must be an integer in [0, ${classes}), got ${c}`);
    perClass[c]++;
    const row = k * neurons;
    for (let j = 0; j < neurons; j++) sums[j * classes + c] += counts[row + j];
  }
  const rates = new Float64Array(neurons * classes);
  const proportions = new Float64Array(neurons * classes);
  const assigned = new Int8Array(neurons).fill(UNASSIGNED);
  for (let j = 0; j < neurons; j++) {
    let best = -1, bestRate = 0, total = 0;
    for (let c = 0; c < classes; c++) {
      const r = perClass[c] > 0 ? sums[j * classes + c] / perClass[c] : 0;
      rates[j * classes + c] = r;
      total += r;
      if (r > bestRate) {
        bestRate = r;
        best = c;
      }
    }
    assigned[j] = best;
    if (total > 0) for (let c = 0; c < classes; c++) proportions[j * classes + c] = rates[j * classes + c] / total;
  }
  return { labels: assigned, proportions, rates, classes, neurons };
}

function argmax(scores: Float64Array): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
  return best;
}

/**
 * All-activity prediction: for each class, the mean spike count of the neurons assigned to it; predict the argmax
 * (ties and all-zero: lowest class). Classes without neurons score 0.
 */
export function predictAllActivity(counts: ArrayLike<number>, samples: number, a: Assignment): Uint8Array {
  checkShape("predictAllActivity", counts, samples, a.neurons);
  return predictByClassMean(counts, samples, a, false);
}

/**
 * Proportion weighting (BindsNET): score_c = sum over assigned neurons of count_j * proportion_j,c / members_c,
 * where the sum runs over the neurons assigned to class c; predict the argmax (ties: lowest class).
 */
export function predictProportion(counts: ArrayLike<number>, samples: number, a: Assignment): Uint8Array {
  checkShape("predictProportion", counts, samples, a.neurons);
  return predictByClassMean(counts, samples, a, true);
}

/**
 * Both rules: score_c = sum over the neurons j assigned to c of count_j (times proportion_j,c when `weighted`),
 * divided by the number of such neurons (0 for a class without neurons); the prediction is the argmax.
 */
function predictByClassMean(counts: ArrayLike<number>, samples: number, a: Assignment, weighted: boolean): Uint8Array {
  const members = new Float64Array(a.classes);
  for (let j = 0; j < a.neurons; j++) if (a.labels[j] >= 0) members[a.labels[j]]++;
  const out = new Uint8Array(samples);
  const scores = new Float64Array(a.classes);
  for (let k = 0; k < samples; k++) {
    scores.fill(0);
    const row = k * a.neurons;
    for (let j = 0; j < a.neurons; j++) {
      const c = a.labels[j];
      if (c >= 0) scores[c] += weighted ? counts[row + j] * a.proportions[j * a.classes + c] : counts[row + j];
    }
    for (let c = 0; c < a.classes; c++) scores[c] = members[c] > 0 ? scores[c] / members[c] : 0;
    out[k] = argmax(scores);
  }
  return out;
}
